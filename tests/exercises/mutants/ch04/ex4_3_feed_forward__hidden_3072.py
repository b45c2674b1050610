# MUTANT: the hidden width hard-coded to 3072 (4 x 768)
import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, 3072),
            GELU(),
            nn.Linear(3072, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)


EXPECTED_CAUSE = "3072 is GPT-2 small's 4 * emb_dim"
