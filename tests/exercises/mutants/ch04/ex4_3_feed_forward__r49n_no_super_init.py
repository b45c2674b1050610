# MUTANT: __init__ never calls super().__init__().
"""Exercise 4.3: the feed-forward block of a transformer.
"""

import torch.nn as nn

from llmscratch import GELU

EXPECTED_CAUSE = "call super().__init__() as the first line"


class FeedForward(nn.Module):
    def __init__(self, cfg):
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 4 * emb_dim),
            GELU(),
            nn.Linear(4 * emb_dim, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)
