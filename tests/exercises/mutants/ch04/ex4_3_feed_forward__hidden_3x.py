# MUTANT: hidden width 3 * emb_dim instead of 4 * emb_dim.
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 3 * emb_dim),
            GELU(),
            nn.Linear(3 * emb_dim, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = '3 * emb_dim = 48'
