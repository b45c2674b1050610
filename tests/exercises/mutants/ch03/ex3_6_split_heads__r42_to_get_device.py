# MUTANT: the heads are moved to llmscratch.get_device() (the GPU when one is available) instead of
# staying on the input's device
from llmscratch import get_device


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    heads = x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)
    return heads.to(get_device())


EXPECTED_CAUSE = "moves tensors with .to(...) to a device your code picks"
