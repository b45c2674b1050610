# MUTANT: the last feature of every head left 0 (a zeros buffer filled by a slice that stops
# one short; no replay: named by the fallback)
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    out = torch.zeros(b, num_heads, num_tokens, head_dim, dtype=x.dtype, device=x.device)
    for h in range(num_heads):
        out[:, h, :, :head_dim - 1] = x[:, :, h * head_dim:(h + 1) * head_dim - 1]
    return out

EXPECTED_CAUSE = "as if never written: a buffer from torch.zeros"
