# MUTANT: the second Linear is created before the first (seeded weights differ)
import math

import torch
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        second = nn.Linear(4 * E, E)
        first = nn.Linear(E, 4 * E)
        self.layers = nn.Sequential(first, GELU(), second)

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = 'is created before the first'
