# MUTANT: forward flattens the (batch, tokens) rows, then reshapes back as (tokens, batch).
"""Exercise 4.3: the feed-forward block of a transformer.
"""

import torch.nn as nn

from llmscratch import GELU

EXPECTED_CAUSE = "puts each row in another token's place"


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(self.emb_dim, 4 * self.emb_dim),
            GELU(),
            nn.Linear(4 * self.emb_dim, self.emb_dim),
        )

    def forward(self, x):
        b, t, _ = x.shape
        out = self.layers(x.reshape(b * t, self.emb_dim))
        return out.reshape(t, b, self.emb_dim).transpose(0, 1)
