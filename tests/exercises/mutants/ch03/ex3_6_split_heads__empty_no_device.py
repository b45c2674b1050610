# MUTANT: the result made with torch.empty on the CPU (no device=x.device), then filled in
import torch


def split_heads(x, num_heads):
    b, n, d = x.shape
    hd = d // num_heads
    out = torch.empty(b, num_heads, n, hd, dtype=x.dtype)
    for h in range(num_heads):
        out[:, h] = x[:, :, h * hd:(h + 1) * hd]
    return out


EXPECTED_CAUSE = "without device=x.device"
