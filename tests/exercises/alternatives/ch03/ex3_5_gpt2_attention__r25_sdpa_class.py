# Correct: MultiHeadAttentionSDPA has the same constructor, state_dict keys and outputs
from llmscratch import MultiHeadAttentionSDPA


def make_gpt2_attention():
    return MultiHeadAttentionSDPA(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                                  num_heads=12, qkv_bias=False)
