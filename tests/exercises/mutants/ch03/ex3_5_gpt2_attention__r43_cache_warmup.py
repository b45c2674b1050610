# MUTANT: the module tried out with use_cache=True while building (its cache left filled)
import torch

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    m = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                           num_heads=12, qkv_bias=False)
    with torch.no_grad():
        m(torch.zeros(1, 2, 768), use_cache=True)  # a quick test that the cache works
    return m


EXPECTED_CAUSE = "cache already holds keys"  # the check's message must name this
