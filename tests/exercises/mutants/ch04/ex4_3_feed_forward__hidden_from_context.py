# MUTANT: hidden size 4 * context_length instead of 4 * emb_dim
import torch.nn as nn
import torch.nn.functional as F

from llmscratch import GELU


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        emb_dim, hidden = cfg["emb_dim"], 4 * cfg["context_length"]
        self.layers = nn.Sequential(nn.Linear(emb_dim, hidden), GELU(), nn.Linear(hidden, emb_dim))

    def forward(self, x):
        return self.layers(x)


EXPECTED_CAUSE = "4 * cfg['context_length']"
