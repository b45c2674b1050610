# MUTANT: the GELU activation between the two Linear layers is missing.
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 4 * emb_dim),
            nn.Linear(4 * emb_dim, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = 'the Sequential holds no GELU'
