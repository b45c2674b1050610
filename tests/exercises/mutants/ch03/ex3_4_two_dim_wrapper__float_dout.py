# Mutant: d_out computed as 2 / num_heads, a float 1.0.
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    num_heads = 2
    d_out = 2 / num_heads  # each head's width, as a float
    return MultiHeadAttentionWrapper(d_in, d_out, context_length, dropout, num_heads=num_heads)

EXPECTED_CAUSE = "2 // num_heads"
