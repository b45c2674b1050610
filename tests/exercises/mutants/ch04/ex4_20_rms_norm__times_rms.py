# Mutant: multiplies by the root mean square instead of dividing by it.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.sqrt(ms + self.eps)


EXPECTED_CAUSE = "multiplied by the root mean square"
