# MUTANT: moves the module to get_device() (the GPU when there is one) instead of leaving it where
# the caller builds it
from llmscratch import MultiHeadAttention, get_device


def make_gpt2_attention():
    return MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                              num_heads=12, qkv_bias=False).to(get_device())


EXPECTED_CAUSE = "moves the module to the GPU when one is available"
