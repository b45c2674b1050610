# MUTANT: hidden width n_heads * emb_dim instead of 4 * emb_dim.
"""Exercise 4.3 (solution): the feed-forward block of a transformer."""

import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        hidden = cfg["n_heads"] * emb_dim
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, hidden),
            GELU(),
            nn.Linear(hidden, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)


EXPECTED_CAUSE = "is cfg['n_heads']"
