# MUTANT: out_proj's weight tied to W_value's (one shared parameter, counted once)
"""Exercise 3.5: a multi-head attention module the size of GPT-2 small's."""

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    module = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                                num_heads=12, qkv_bias=False)
    module.out_proj.weight = module.W_value.weight  # "share" the value weights
    return module


EXPECTED_CAUSE = "shares a parameter between two layers"  # the check's message must name this
