# MUTANT: the GELU output clamped at -0.1 before the second Linear (no replay: fallback).
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 4 * emb_dim),
            GELU(),
            nn.Linear(4 * emb_dim, emb_dim),
        )

    def forward(self, x):
        h = self.layers[1](self.layers[0](x))
        return self.layers[2](h.clamp(min=-0.1))

EXPECTED_CAUSE = '(where layers.0 gives h ='
