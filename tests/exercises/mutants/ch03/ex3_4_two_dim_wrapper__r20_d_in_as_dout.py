# MUTANT: d_in and d_out swapped positionally: d_in=1, d_out=d_in (wrapper's first two args swapped)
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(1, d_in, context_length, dropout, num_heads=2)


EXPECTED_CAUSE = 'd_in and d_out are swapped'  # the check's message must name this
