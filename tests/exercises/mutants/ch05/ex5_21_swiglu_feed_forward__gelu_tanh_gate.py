# Mutant: GELU's tanh approximation (the book's GPT-2 GELU) as the gate.
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg['emb_dim'], cfg['hidden_dim'], bias=False)
        self.fc2 = nn.Linear(cfg['emb_dim'], cfg['hidden_dim'], bias=False)
        self.fc3 = nn.Linear(cfg['hidden_dim'], cfg['emb_dim'], bias=False)

    def forward(self, x):
        return self.fc3(F.gelu(self.fc1(x), approximate='tanh') * self.fc2(x))


EXPECTED_CAUSE = "tanh approximation"
