# MUTANT: passes 1 - dropout (the keep probability) as the dropout rate
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, 1 - dropout, num_heads=2)


EXPECTED_CAUSE = 'dropout rates are [0.75]'
