# MUTANT: positional call with qkv_bias and num_heads swapped (False taken as the head count)
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(768, 768, 1024, 0.0, False, 12)

EXPECTED_CAUSE = "a qkv_bias value in num_heads' place"
