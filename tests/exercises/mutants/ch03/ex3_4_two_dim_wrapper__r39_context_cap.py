# MUTANT: context_length capped at 1024 (a "memory guard"), so longer contexts get a short mask
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, min(context_length, 1024), dropout, num_heads=2)


EXPECTED_CAUSE = "a longer context is cut short"
