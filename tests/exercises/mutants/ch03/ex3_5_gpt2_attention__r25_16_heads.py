# MUTANT: 16 heads (GPT-2 medium's head count) instead of 12; same parameter count
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                              num_heads=16, qkv_bias=False)


EXPECTED_CAUSE = 'num_heads is 16'
