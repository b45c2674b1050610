# Correct, written differently: returned in eval mode only when dropout is 0, where eval
# and training mode give the same outputs
from llmscratch import MultiHeadAttentionWrapper


def make_two_dim_wrapper(d_in, context_length, dropout):
    module = MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)
    return module.train(dropout > 0)
