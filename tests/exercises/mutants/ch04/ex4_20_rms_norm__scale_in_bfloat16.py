# MUTANT: scale parameter created in bfloat16 (the result's dtype and the trained scale lose
#         precision)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim, dtype=torch.bfloat16))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "a float16 or bfloat16 one rounds the learned scale"
