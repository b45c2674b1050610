# Correct: MultiHeadAttentionEinsum has the book's constructor, state_dict keys and sizes
from llmscratch import MultiHeadAttentionEinsum


def make_gpt2_attention():
    return MultiHeadAttentionEinsum(768, 768, 1024, 0.0, 12)
