# MUTANT: tokens reversed before the layers.
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
        return self.layers(x.flip(1))

EXPECTED_CAUSE = 'positions [0, 1, 2, 4, 5, 6] of 7 differ and [3] match'
