# MUTANT: chunks of 16 tokens joined along dim 0 (only inputs over 16 tokens show it)
import torch
import torch.nn as nn

from llmscratch import GELU

EXPECTED_CAUSE = 'FeedForward on a longer input'


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
        if x.shape[1] <= 16:
            return self.layers(x)
        return torch.cat([self.layers(c) for c in x.split(16, dim=1)], dim=0)
