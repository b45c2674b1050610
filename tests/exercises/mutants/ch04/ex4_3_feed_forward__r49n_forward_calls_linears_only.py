# MUTANT: forward calls layers[0] and layers[2] directly, skipping the GELU in layers[1].
"""Exercise 4.3: the feed-forward block of a transformer.
"""

import torch.nn as nn

from llmscratch import GELU

EXPECTED_CAUSE = "no activation between the two Linear layers"


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
        hidden = self.layers[0](x)
        return self.layers[2](hidden)
