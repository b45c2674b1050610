# MUTANT: context_length - 1 passed (off by one: a full-length input no longer fits the mask)
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length - 1, dropout, num_heads=2)


EXPECTED_CAUSE = 'pass context_length through'
