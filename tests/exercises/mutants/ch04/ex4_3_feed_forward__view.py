# MUTANT: x.view(-1, emb_dim) fails on a non-contiguous input (reshape needed).
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        self.emb_dim = E
        self.layers = nn.Sequential(nn.Linear(E, 4 * E), GELU(), nn.Linear(4 * E, E))

    def forward(self, x):
        return self.layers(x.view(-1, self.emb_dim)).view(x.shape)


EXPECTED_CAUSE = 'contiguous'
