# Correct: the library's modules built (attention with a context of 1) and counted.
from llmscratch import FeedForward, MultiHeadAttention


def block_parameter_counts(cfg):
    ff = FeedForward(cfg)
    E = cfg["emb_dim"]
    att = MultiHeadAttention(E, E, 1, 0.0, cfg["n_heads"], qkv_bias=cfg["qkv_bias"])
    return {
        "feed_forward": sum(p.numel() for p in ff.parameters()),
        "attention": sum(p.numel() for p in att.parameters()),
    }
