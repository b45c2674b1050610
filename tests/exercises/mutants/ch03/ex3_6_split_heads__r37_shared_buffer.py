# MUTANT: one output buffer per shape, kept in a global and refilled
import torch

_buffers = {}


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    head_dim = d_out // num_heads
    key = (b, num_heads, num_tokens, head_dim, x.dtype, x.device)
    if key not in _buffers:
        _buffers[key] = torch.empty(b, num_heads, num_tokens, head_dim, dtype=x.dtype,
                                    device=x.device)
    out = _buffers[key]
    for h in range(num_heads):
        out[:, h] = x[:, :, h * head_dim:(h + 1) * head_dim]
    return out

EXPECTED_CAUSE = "your first result changed after the second call"
