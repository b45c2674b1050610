# MUTANT: SiLU on fc2 instead of fc1: fc3(fc1(x) * silu(fc2(x)))
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "the gate is on the wrong branch"


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(self.fc1(x) * F.silu(self.fc2(x)))
