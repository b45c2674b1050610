# MUTANT: d_in typed as 1024 (the context length's number) instead of 768
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(d_in=1024, d_out=768, context_length=1024, dropout=0.0,
                              num_heads=12, qkv_bias=False)


EXPECTED_CAUSE = "Your module has d_in=1024"
