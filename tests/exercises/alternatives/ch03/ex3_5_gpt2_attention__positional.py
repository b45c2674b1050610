# Correct: positional arguments, qkv_bias left at its default (False)
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(768, 768, 1024, 0.0, 12)
