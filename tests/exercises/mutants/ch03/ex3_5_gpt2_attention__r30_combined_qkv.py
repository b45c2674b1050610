# MUTANT: llmscratch's MultiHeadAttentionCombinedQKV (one fused qkv projection, the same
# sizes and count) returned instead of the book's MultiHeadAttention the stub asks for
from llmscratch import MultiHeadAttentionCombinedQKV

EXPECTED_CAUSE = "one fused query/key/value projection (MultiHeadAttentionCombinedQKV)"


def make_gpt2_attention():
    return MultiHeadAttentionCombinedQKV(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                                         num_heads=12, qkv_bias=False)
