# MUTANT: GPT-2 paper's residual init scaling of the second Linear (non-default init)
import math

import torch
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        self.layers = nn.Sequential(nn.Linear(E, 4 * E), GELU(), nn.Linear(4 * E, E))
        with torch.no_grad():
            self.layers[2].weight.mul_(1 / math.sqrt(2 * cfg["n_layers"]))

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = "is nn.Linear's default times 0.5"
