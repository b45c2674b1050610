# MUTANT: layers created in float64
import math

import torch
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        self.layers = nn.Sequential(nn.Linear(E, 4 * E, dtype=torch.float64), GELU(),
                                    nn.Linear(4 * E, E, dtype=torch.float64))

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = "nn.Linear's default is float32"
