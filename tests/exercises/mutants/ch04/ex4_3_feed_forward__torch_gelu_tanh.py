# MUTANT: torch nn.GELU(approximate='tanh') instead of llmscratch GELU.
"""Exercise 4.3: the feed-forward block of a transformer."""

import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 4 * emb_dim),
            nn.GELU(approximate="tanh"),
            nn.Linear(4 * emb_dim, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = "torch's nn.GELU"  # named in the message
