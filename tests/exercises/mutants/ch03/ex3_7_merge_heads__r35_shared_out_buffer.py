# MUTANT: one output buffer kept between calls, overwritten by the next call
import torch

_BUFFERS = {}


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    key = (b, num_tokens, num_heads * head_dim, context_vec.dtype, context_vec.device)
    if key not in _BUFFERS:
        _BUFFERS[key] = torch.empty(key[:3], dtype=context_vec.dtype, device=context_vec.device)
    out = _BUFFERS[key]
    out.copy_(context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim))
    return out

EXPECTED_CAUSE = "first result changed after the second call"
