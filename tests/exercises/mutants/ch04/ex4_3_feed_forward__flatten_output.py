# MUTANT: the input is flattened to (batch*tokens, emb_dim) and never reshaped back.
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
        return self.layers(x.reshape(-1, x.shape[-1]))

EXPECTED_CAUSE = 'flattened into one'
