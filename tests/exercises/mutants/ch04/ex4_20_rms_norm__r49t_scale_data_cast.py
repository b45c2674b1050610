# MUTANT: forward sets self.scale.data to x's dtype (same Parameter object), rounding it for good.
import torch
import torch.nn as nn

EXPECTED_CAUSE = "forward converts the layer's own scale"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        if self.scale.dtype != x.dtype:  # half inputs
            self.scale.data = self.scale.data.to(x.dtype)
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)
