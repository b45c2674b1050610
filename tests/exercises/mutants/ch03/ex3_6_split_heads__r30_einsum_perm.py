# MUTANT: an einsum 'bnhd->bhdn' after the view (tokens moved last), then a reshape to
# (b, heads, tokens, head_dim) instead of a transpose
import torch

EXPECTED_CAUSE = "a permute to (b, num_heads, head_dim, num_tokens) after the view"


def split_heads(x, num_heads):
    b, n, d_out = x.shape
    hd = d_out // num_heads
    y = torch.einsum("bnhd->bhdn", x.view(b, n, num_heads, hd))
    return y.reshape(b, num_heads, n, hd)
