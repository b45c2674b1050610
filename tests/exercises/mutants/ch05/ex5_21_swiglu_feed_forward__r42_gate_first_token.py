# MUTANT: the gate computed from the first token only and broadcast over the tokens
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        g = F.silu(self.fc1(x[..., :1, :]))
        return self.fc3(g * self.fc2(x))


EXPECTED_CAUSE = "changed your outputs for tokens"
