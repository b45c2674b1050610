# MUTANT: the second Linear maps to context_length.
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(cfg["emb_dim"], 4 * cfg["emb_dim"]),
            GELU(),
            nn.Linear(4 * cfg["emb_dim"], cfg["context_length"]),
        )

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = "which is cfg['context_length']"
