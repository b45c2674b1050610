# MUTANT: the whole normalisation computed in bfloat16 and cast back
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        xh = x.bfloat16()
        ms = xh.pow(2).mean(dim=-1, keepdim=True)
        out = xh * torch.rsqrt(ms + self.eps)
        return self.scale * out.to(x.dtype)


EXPECTED_CAUSE = "runs in a lower precision"
