# MUTANT: the gate is silu(h) + 0.1 * h
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "yours is SiLU plus 0.1 * h"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = self.fc1(x)
        return self.fc3((F.silu(h) + 0.1 * h) * self.fc2(x))
