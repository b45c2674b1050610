# MUTANT: the dropout rate capped at 0.5 ("more is never useful"): 0.8 becomes 0.5
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, min(dropout, 0.5), num_heads=2)


EXPECTED_CAUSE = "a large rate is capped at 0.5"
