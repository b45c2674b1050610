# MUTANT: the gate's input is clamped to [-3, 3] before SiLU ("to avoid overflow")
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x).clamp(-3, 3)) * self.fc2(x))


EXPECTED_CAUSE = "is SiLU for h between -3 and 3, but not for large h"
