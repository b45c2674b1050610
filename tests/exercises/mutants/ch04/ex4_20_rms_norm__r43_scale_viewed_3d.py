# MUTANT: the scale viewed as (1, 1, emb_dim) in forward (adds dims to 1-D and 2-D inputs)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "self.scale was reshaped to (1, 1, 4) (by .view(...))"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale.view(1, 1, -1) * x * torch.rsqrt(mean_square + self.eps)
