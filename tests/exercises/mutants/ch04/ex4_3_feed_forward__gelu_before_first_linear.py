# MUTANT: the GELU applied to the input before layers (an Identity between)
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg['emb_dim']
        self.layers = nn.Sequential(nn.Linear(E, 4 * E), nn.Identity(), nn.Linear(4 * E, E))
        self.act = GELU()

    def forward(self, x):
        return self.layers(self.act(x))


EXPECTED_CAUSE = 'GELU comes before the first Linear instead of between'
