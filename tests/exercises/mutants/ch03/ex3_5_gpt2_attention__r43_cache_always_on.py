# MUTANT: the module's forward wrapped to always use the key/value cache
from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    m = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                           num_heads=12, qkv_bias=False)
    f = m.forward
    m.forward = lambda x, use_cache=True: f(x, use_cache=use_cache)
    return m


EXPECTED_CAUSE = "keeps the keys and values of earlier calls"  # named
