# MUTANT: Linear weights used as Conv1D's (in, out) layout: h @ layer.weight without .T.
import torch.nn as nn
import torch.nn.functional as F

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        E = cfg["emb_dim"]
        self.layers = nn.Sequential(nn.Linear(E, 4 * E), GELU(), nn.Linear(4 * E, E))

    def forward(self, x):
        a, g, b = self.layers
        h = g(x @ a.weight.T + a.bias)
        return h @ b.weight + b.bias

EXPECTED_CAUSE = "the transpose of Hugging Face's Conv1D"
