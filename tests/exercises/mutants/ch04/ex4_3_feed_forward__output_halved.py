# MUTANT: the output is scaled by 0.5.
"""Exercise 4.3 (solution): the feed-forward block of a transformer."""

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
        return 0.5 * self.layers(x)


EXPECTED_CAUSE = "every value is 0.5 times the expected"
