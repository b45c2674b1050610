# MUTANT: the gate silu(fc1(x)) is computed on the first call and reused for later inputs
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self.gate = None

    def forward(self, x):
        if self.gate is None or self.gate.shape[:-1] != x.shape[:-1]:
            self.gate = F.silu(self.fc1(x))
        return self.fc3(self.gate * self.fc2(x))


EXPECTED_CAUSE = "kept on the module (the gate"
