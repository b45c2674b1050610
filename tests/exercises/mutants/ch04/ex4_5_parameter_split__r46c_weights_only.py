# MUTANT: only the parameters named "weight" are counted, so every bias is left out.
from llmscratch import FeedForward, MultiHeadAttention

EXPECTED_CAUSE = "left out every bias"


def block_parameter_counts(cfg):
    ff = FeedForward(cfg)
    att = MultiHeadAttention(cfg["emb_dim"], cfg["emb_dim"], cfg["context_length"], 0.0,
                             cfg["n_heads"], qkv_bias=cfg["qkv_bias"])
    # "parameters" read as the weight matrices
    return {"feed_forward": sum(p.numel() for n, p in ff.named_parameters() if "weight" in n),
            "attention": sum(p.numel() for n, p in att.named_parameters() if "weight" in n)}
