# MUTANT: the heads written into a buffer made with a fixed device="meta" (to skip
# allocating), so the result has no numbers and sits on another device than x (the check
# crashed on it before)
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    out = torch.empty(b, num_heads, num_tokens, head_dim, dtype=x.dtype, device="meta")
    for h in range(num_heads):
        out[:, h] = x[..., h * head_dim:(h + 1) * head_dim].to("meta")
    return out

EXPECTED_CAUSE = "your result is on meta, while the input is on cpu"
