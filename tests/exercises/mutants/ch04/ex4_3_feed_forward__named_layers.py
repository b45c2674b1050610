# Mutant: named layers in the Sequential, so the keys are not layers.0 / layers.2.
from collections import OrderedDict

import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        e = cfg["emb_dim"]
        self.layers = nn.Sequential(OrderedDict([
            ("fc1", nn.Linear(e, 4 * e)),
            ("gelu", GELU()),
            ("fc2", nn.Linear(4 * e, e)),
        ]))

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = "without names"
