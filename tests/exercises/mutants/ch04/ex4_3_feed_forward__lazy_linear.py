# MUTANT: nn.LazyLinear: parameters uninitialised until the first forward, drawn at another time
import math

import torch
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        self.layers = nn.Sequential(nn.LazyLinear(4 * E), GELU(), nn.LazyLinear(E))

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = 'nn.LazyLinear'
