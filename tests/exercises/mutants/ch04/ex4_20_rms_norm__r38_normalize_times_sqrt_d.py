# MUTANT: F.normalize(x) * sqrt(d): eps is never used
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        return self.scale * F.normalize(x, dim=-1) * math.sqrt(x.shape[-1])


EXPECTED_CAUSE = "eps is missing"
