# Correct: the mask buffer stored as bool (a quarter of the memory); same sizes and outputs, and
# the book's float mask still loads into it
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    m = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                           num_heads=12, qkv_bias=False)
    m.mask = m.mask.bool()
    return m
