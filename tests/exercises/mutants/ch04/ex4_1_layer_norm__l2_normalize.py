# MUTANT: the centred vector divided by its L2 norm (F.normalize).
import torch
import torch.nn as nn
import torch.nn.functional as F


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        centred = x - x.mean(dim=-1, keepdim=True)
        return self.scale * F.normalize(centred, dim=-1, eps=self.eps) + self.shift

EXPECTED_CAUSE = "F.normalize"
