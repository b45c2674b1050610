# Correct: the halves as the real and imaginary parts of complex numbers, times exp(i angle)
import torch


def apply_rope(x, cos, sin, offset=0):
    num_tokens, head_dim = x.shape[-2], x.shape[-1]
    half = head_dim // 2
    cos = cos[offset : offset + num_tokens, :half]
    sin = sin[offset : offset + num_tokens, :half]
    work = torch.promote_types(torch.promote_types(x.dtype, cos.dtype), torch.float32)
    z = torch.complex(x[..., :half].to(work), x[..., half:].to(work))
    w = torch.complex(cos.to(work), sin.to(work))
    r = z * w
    out = torch.cat((r.real, r.imag), dim=-1)
    return out.to(torch.promote_types(x.dtype, cos.dtype))
