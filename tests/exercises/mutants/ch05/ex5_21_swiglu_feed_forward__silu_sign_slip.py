# MUTANT: SiLU written by hand as h / (1 + exp(h)), the minus sign forgotten (h * sigmoid(-h))
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
        h = self.fc1(x)
        return self.fc3(h / (1 + torch.exp(h)) * self.fc2(x))


EXPECTED_CAUSE = "the sign of the exponent slipped"
