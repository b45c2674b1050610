# MUTANT: the dropout passed twice, also as the sixth positional argument (qkv_bias), so the
# heads gain query/key/value biases whenever the rate is above 0
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    return MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, 2, dropout)


EXPECTED_CAUSE = "qkv_bias follows the dropout"  # the check's message must name this
