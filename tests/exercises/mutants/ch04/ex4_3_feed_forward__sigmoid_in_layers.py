# MUTANT: nn.Sigmoid as activation
import math

import torch
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        self.layers = nn.Sequential(nn.Linear(E, 4 * E), nn.Sigmoid(), nn.Linear(4 * E, E))

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = "does not compute llmscratch's GELU"
