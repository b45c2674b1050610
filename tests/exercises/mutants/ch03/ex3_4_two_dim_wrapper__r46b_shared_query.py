# MUTANT: the second head's W_query replaced by the first head's layer (tied weights)
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    wrapper = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    wrapper.heads[1].W_query = wrapper.heads[0].W_query  # the heads share one query projection
    return wrapper

EXPECTED_CAUSE = "share w_query.weight"
