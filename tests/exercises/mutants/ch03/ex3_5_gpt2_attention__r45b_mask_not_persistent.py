# MUTANT: the mask re-registered with persistent=False (missing from the state_dict)
from llmscratch import MultiHeadAttention

EXPECTED_CAUSE = "registered with persistent=False"


def make_gpt2_attention():
    m = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                           num_heads=12, qkv_bias=False)
    mask = m.mask
    del m.mask
    m.register_buffer("mask", mask, persistent=False)
    return m
