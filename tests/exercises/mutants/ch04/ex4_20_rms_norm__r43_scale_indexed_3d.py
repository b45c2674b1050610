# MUTANT: the scale indexed as scale[None, None, :] in forward (adds dims to 1-D and 2-D inputs)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "self.scale was reshaped to (1, 1, 4) (by indexing with None)"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        norm = x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + self.eps)
        return self.scale[None, None, :] * norm
