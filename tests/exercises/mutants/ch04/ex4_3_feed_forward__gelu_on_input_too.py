# MUTANT: GELU applied to the input before the Sequential as well.
import torch.nn as nn

from llmscratch import GELU


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
        return self.layers(GELU()(x))

EXPECTED_CAUSE = 'applied to the input too'
