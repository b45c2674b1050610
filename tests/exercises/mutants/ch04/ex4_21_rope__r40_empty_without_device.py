# MUTANT: the result written into torch.empty(x.shape) made without device= (GPU input fails)
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    c = cos[offset : offset + num_tokens]
    s = sin[offset : offset + num_tokens]
    x1, x2 = x[..., :half], x[..., half:]
    out = torch.empty(x.shape, dtype=torch.result_type(x, c))
    out[..., :half] = x1 * c[:, :half] - x2 * s[:, :half]
    out[..., half:] = x2 * c[:, half:] + x1 * s[:, half:]
    return out


EXPECTED_CAUSE = "make it with device=x.device"
