# MUTANT: multiplies head h by h + 1 ("weights per head")
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    heads = x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)
    scale = torch.arange(1, num_heads + 1, dtype=x.dtype, device=x.device)
    return heads * scale[None, :, None, None]


EXPECTED_CAUSE = "Head 2: every value is 3 times"
