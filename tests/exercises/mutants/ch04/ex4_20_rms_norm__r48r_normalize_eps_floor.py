# MUTANT: F.normalize(x, eps=eps) * sqrt(emb_dim): eps floors the L2 norm, not inside the root
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
        # x / rms == x / (||x|| / sqrt(n)); F.normalize takes care of eps
        return self.scale * F.normalize(x, dim=-1, eps=self.eps) * math.sqrt(x.shape[-1])


EXPECTED_CAUSE = "floor on the norm"
