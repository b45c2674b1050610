# MUTANT: counted parameter tensors (len) instead of their elements
from llmscratch import FeedForward, MultiHeadAttention


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    ff = FeedForward(cfg)
    att = MultiHeadAttention(E, E, cfg["context_length"], 0.0, cfg["n_heads"],
                             qkv_bias=cfg["qkv_bias"])
    return {"feed_forward": len(list(ff.parameters())), "attention": len(list(att.parameters()))}


EXPECTED_CAUSE = 'numbers of parameter TENSORS'
