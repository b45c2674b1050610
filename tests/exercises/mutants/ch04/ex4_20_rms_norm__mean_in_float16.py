# MUTANT: the mean of squares computed in float16 (x.half()) to save memory, then cast back
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.half().pow(2).mean(dim=-1, keepdim=True).to(x.dtype)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "the mean of squares is computed in float16"
