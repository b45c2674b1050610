# MUTANT: lru_cache returns the same module object for repeated calls
import functools

from llmscratch import MultiHeadAttentionWrapper


@functools.cache
def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)


EXPECTED_CAUSE = 'same module object'  # the check's message must name this
