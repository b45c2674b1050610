# MUTANT: GPT-2 medium's sizes (1024 dims, 16 heads) instead of GPT-2 small's
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(d_in=1024, d_out=1024, context_length=1024, dropout=0.0,
                              num_heads=16, qkv_bias=False)


EXPECTED_CAUSE = 'd_in=1024 (GPT-2: 768)'
