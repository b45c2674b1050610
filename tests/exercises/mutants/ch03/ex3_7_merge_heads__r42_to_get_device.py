# MUTANT: the result is moved to llmscratch.get_device() (the GPU when one is available) instead of
# staying on the input's device
from llmscratch import get_device


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    out = context_vec.transpose(1, 2).contiguous().view(b, num_tokens, num_heads * head_dim)
    return out.to(get_device())


EXPECTED_CAUSE = "moves tensors with .to(...) to a device your code picks"
