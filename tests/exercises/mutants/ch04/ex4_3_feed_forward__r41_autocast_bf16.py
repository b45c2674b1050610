# MUTANT: runs the layers under bfloat16 autocast (speed tip from a blog): bfloat16 output, rounded
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
        with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16):
            return self.layers(x)


EXPECTED_CAUSE = 'runs under torch.autocast'
