# MUTANT: the second Linear repeats the first one's shape (emb_dim -> 4 * emb_dim).
"""Exercise 4.3: the feed-forward block of a transformer.
"""

import torch.nn as nn

from llmscratch import GELU

EXPECTED_CAUSE = "the second Linear maps back to 64 features"


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 4 * emb_dim),
            GELU(),
            nn.Linear(emb_dim, 4 * emb_dim),
        )

    def forward(self, x):
        return self.layers(x)
