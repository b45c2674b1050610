# MUTANT: fills a torch.zeros buffer made with device=x.device but no dtype, so float64 (or
# bfloat16) inputs come back as float32
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    out = torch.zeros(b, num_heads, num_tokens, head_dim, device=x.device)
    for h in range(num_heads):
        out[:, h] = x[:, :, h * head_dim:(h + 1) * head_dim]
    return out


EXPECTED_CAUSE = "needs dtype=x.dtype"
