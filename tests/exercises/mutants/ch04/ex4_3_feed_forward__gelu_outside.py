# MUTANT: GELU outside the Sequential, so the second Linear is layers.1.
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        self.layers = nn.Sequential(nn.Linear(E, 4 * E), nn.Linear(4 * E, E))
        self.gelu = GELU()

    def forward(self, x):
        return self.layers[1](self.gelu(self.layers[0](x)))


EXPECTED_CAUSE = 'outside the nn.Sequential'
