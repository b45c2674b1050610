# MUTANT: positional call with num_heads and dropout swapped (dropout=12, num_heads=0.0)
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(768, 768, 1024, 12, 0.0)


EXPECTED_CAUSE = 'dropout and num_heads are swapped'
