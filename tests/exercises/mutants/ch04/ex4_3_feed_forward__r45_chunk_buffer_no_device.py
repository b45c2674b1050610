# MUTANT: tokens processed in chunks into a buffer made without device= (a meta input fails).
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
        out = torch.empty(x.shape, dtype=x.dtype)
        for i in range(0, x.shape[1], 8):
            out[:, i:i + 8] = self.layers(x[:, i:i + 8])
        return out

EXPECTED_CAUSE = "without device="
