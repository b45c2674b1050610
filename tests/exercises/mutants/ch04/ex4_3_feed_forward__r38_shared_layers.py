# MUTANT: layers cached per emb_dim on the class: every FeedForward shares them
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    _built = {}

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        if emb_dim not in FeedForward._built:
            FeedForward._built[emb_dim] = nn.Sequential(
                nn.Linear(emb_dim, 4 * emb_dim),
                GELU(),
                nn.Linear(4 * emb_dim, emb_dim),
            )
        self.layers = FeedForward._built[emb_dim]

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = 'share the parameters'
