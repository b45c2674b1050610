# MUTANT: dropout passed in qkv_bias's positional slot, the heads' dropout 0
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, 0.0, 2, dropout)


EXPECTED_CAUSE = "the dropout went into qkv_bias"
