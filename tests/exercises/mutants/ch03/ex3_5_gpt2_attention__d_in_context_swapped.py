# MUTANT: d_in and context_length swapped (1024 read as the input size, 768 as the context)
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(1024, 768, 768, 0.0, num_heads=12)


EXPECTED_CAUSE = 'd_in and context_length are swapped'  # the check's message must name this
