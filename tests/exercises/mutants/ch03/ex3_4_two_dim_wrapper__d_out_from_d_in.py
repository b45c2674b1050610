# MUTANT: d_out computed as d_in // 3 (1 only for the book's d_in=3)
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, d_in // 3, context_length, dropout, num_heads=2)


EXPECTED_CAUSE = 'your d_out depends on d_in'  # the check's message must name this
