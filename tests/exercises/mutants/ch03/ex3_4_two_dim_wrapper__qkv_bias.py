# MUTANT: adds qkv_bias=True
"""Exercise 3.4 (solution): a two-head wrapper whose context vectors have 2 dimensions."""

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    """Build a two-head ``MultiHeadAttentionWrapper`` with 2 output dimensions."""
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2, qkv_bias=True)


EXPECTED_CAUSE = 'qkv_bias=False'  # the check's message must name this
