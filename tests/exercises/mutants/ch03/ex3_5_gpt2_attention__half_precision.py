# MUTANT: module converted to float16
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    return MultiHeadAttention(768, 768, 1024, 0.0, num_heads=12, qkv_bias=False).half()


EXPECTED_CAUSE = 'float32'  # the check's message must name this
