# MUTANT: bias of the Linear layers tied to cfg['qkv_bias'] (no bias when it is False).
"""Exercise 4.3 (solution): the feed-forward block of a transformer."""

import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 4 * emb_dim, bias=cfg["qkv_bias"]),
            GELU(),
            nn.Linear(4 * emb_dim, emb_dim, bias=cfg["qkv_bias"]),
        )

    def forward(self, x):
        return self.layers(x)


EXPECTED_CAUSE = "follow cfg['qkv_bias']"
