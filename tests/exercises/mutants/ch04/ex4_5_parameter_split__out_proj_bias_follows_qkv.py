# MUTANT: out_proj bias only with qkv_bias
from llmscratch import FeedForward, GPTModel, MultiHeadAttention


def block_parameter_counts(cfg):
    E = cfg["emb_dim"]
    ff = 8 * E * E + 5 * E
    att = 4 * E * E + (4 * E if cfg["qkv_bias"] else 0)
    return {"feed_forward": ff, "attention": att}

EXPECTED_CAUSE = 'counted only when qkv_bias is True'
