# MUTANT: writes cfg["drop_rate"] = 0.0 into the caller's config (input mutated)
from llmscratch import FeedForward, MultiHeadAttention


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    cfg["drop_rate"] = 0.0  # no dropout needed to count
    att = MultiHeadAttention(E, E, cfg["context_length"], cfg["drop_rate"], cfg["n_heads"],
                             qkv_bias=cfg["qkv_bias"])
    ff = FeedForward(cfg)
    return {"feed_forward": sum(p.numel() for p in ff.parameters()),
            "attention": sum(p.numel() for p in att.parameters())}


EXPECTED_CAUSE = 'changed the cfg it was given'
