# MUTANT: divides by the largest |x| of the token (max norm) instead of the root mean square.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        return self.scale * x / (x.abs().amax(dim=-1, keepdim=True) + self.eps)


EXPECTED_CAUSE = "the largest |x| of each token"
