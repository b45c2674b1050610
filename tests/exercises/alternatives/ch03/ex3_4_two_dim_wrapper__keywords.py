# Correct: keyword arguments, d_out computed from the wanted output width, explicit qkv_bias and
# train()
from llmscratch import MultiHeadAttentionWrapper

NUM_HEADS = 2
OUTPUT_DIM = 2


def make_two_dim_wrapper(d_in, context_length, dropout):
    wrapper = MultiHeadAttentionWrapper(
        d_in=d_in,
        d_out=OUTPUT_DIM // NUM_HEADS,
        context_length=context_length,
        dropout=dropout,
        num_heads=NUM_HEADS,
        qkv_bias=False,
    )
    return wrapper.train()
