# MUTANT: the gate upcast to float32 and never cast back (a float64 layer loses precision).
import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = 'part of forward runs in float32'


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        gate = F.silu(self.fc1(x).float())
        return self.fc3(gate * self.fc2(x))
