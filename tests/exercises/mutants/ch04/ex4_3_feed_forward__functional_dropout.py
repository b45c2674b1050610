# MUTANT: F.dropout(p=drop_rate) inside forward (always on, even in eval).
import torch.nn as nn
import torch.nn.functional as Fn

from llmscratch import GELU


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.p = cfg["drop_rate"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 4 * emb_dim),
            GELU(),
            nn.Linear(4 * emb_dim, emb_dim),
        )

    def forward(self, x):
        return Fn.dropout(self.layers(x), self.p)

EXPECTED_CAUSE = 'there is a dropout in forward'
