# Correct: hidden width as a variable, Sequential from a list, forward loops over the layers
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    EXPANSION = 4

    def __init__(self, cfg):
        super().__init__()
        d = cfg["emb_dim"]
        hidden = self.EXPANSION * d
        layers = [nn.Linear(d, hidden, bias=True), GELU(), nn.Linear(hidden, d, bias=True)]
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
