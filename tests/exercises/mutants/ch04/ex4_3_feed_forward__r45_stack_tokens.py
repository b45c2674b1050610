# MUTANT: tokens run one at a time and joined with torch.stack (an input of no tokens fails).
import torch
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
        return torch.stack([self.layers(x[:, t]) for t in range(x.shape[1])], dim=1)

EXPECTED_CAUSE = "nothing to join when num_tokens is 0"
