# MUTANT: forward replaces self.scale by a new Parameter in the input's dtype (stale optimizer)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        if self.scale.dtype != x.dtype:
            self.scale = nn.Parameter(self.scale.detach().to(x.dtype))
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "replaced its parameter scale by a new"
