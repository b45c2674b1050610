# MUTANT: counts a MultiHeadAttention built with GPT-2 small's 12 heads, hard-coded.
"""Exercise 4.5: where the parameters of a transformer block are.
"""

import llmscratch

EXPECTED_CAUSE = "not this config's n_heads"


def block_parameter_counts(cfg):
    ff = llmscratch.FeedForward(cfg)
    att = llmscratch.MultiHeadAttention(
        cfg["emb_dim"], cfg["emb_dim"], 1024, 0.0, 12, qkv_bias=cfg["qkv_bias"]
    )
    return {
        "feed_forward": sum(p.numel() for p in ff.parameters()),
        "attention": sum(p.numel() for p in att.parameters()),
    }
