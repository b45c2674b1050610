# MUTANT: the result made with torch.zeros on the CPU (no device=), then filled in
import torch


def merge_heads(context_vec):
    b, h, n, hd = context_vec.shape
    out = torch.zeros(b, n, h * hd, dtype=context_vec.dtype)
    for k in range(h):
        out[:, :, k * hd:(k + 1) * hd] = context_vec[:, k]
    return out


EXPECTED_CAUSE = "without device=x.device"
