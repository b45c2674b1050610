# MUTANT: passes dropout and context_length in swapped positions
"""Exercise 3.4 (solution): a two-head wrapper whose context vectors have 2 dimensions."""

from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    """Build a two-head ``MultiHeadAttentionWrapper`` with 2 output dimensions."""
    return MultiHeadAttentionWrapper(d_in, 1, dropout, context_length, num_heads=2)


EXPECTED_CAUSE = 'pass context_length before dropout'  # the check's message must name this
