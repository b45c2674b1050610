# MUTANT: computes in float16 (x**2 overflows past 256, precision lost), cast back afterwards
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        xh = x.half()
        ms = xh.pow(2).mean(dim=-1, keepdim=True)
        out = xh * torch.rsqrt(ms + self.eps)
        return self.scale * out.to(x.dtype)


EXPECTED_CAUSE = "as x**2 overflows float16"
