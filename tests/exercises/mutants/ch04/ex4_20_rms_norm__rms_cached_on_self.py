# MUTANT: the root is computed on the first call and reused for every later input
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.rms = None

    def forward(self, x):
        if self.rms is None:
            self.rms = torch.sqrt(x.pow(2).mean(dim=-1, keepdim=True) + self.eps)
        return self.scale * x / self.rms


EXPECTED_CAUSE = "something from the first call is kept on the module"
