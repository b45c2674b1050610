# MUTANT: a constant 0.01 added after fc3 (no replay matches: the fallback names the offset)
import torch
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "every value is off by the same amount, +0.01"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x)) + 0.01
