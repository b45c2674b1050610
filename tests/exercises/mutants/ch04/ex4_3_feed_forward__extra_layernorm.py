# MUTANT: an extra LayerNorm inside the feed-forward block.
"""Exercise 4.3: the feed-forward block of a transformer."""

import torch.nn as nn

from llmscratch import GELU, LayerNorm


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            LayerNorm(emb_dim),
            nn.Linear(emb_dim, 4 * emb_dim),
            GELU(),
            nn.Linear(4 * emb_dim, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = 'has a LayerNorm'  # named in the message
