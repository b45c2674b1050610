# MUTANT: passes the keep probability 1 - dropout as the dropout rate
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, 1 - dropout, num_heads=2)

EXPECTED_CAUSE = "you passed the keep probability 1 - dropout"
