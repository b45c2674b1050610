# MUTANT: num_heads and dropout passed in swapped positions (dropout=2, num_heads=dropout)
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, 2, dropout)


EXPECTED_CAUSE = 'num_heads and dropout are swapped'  # the check's message must name this
