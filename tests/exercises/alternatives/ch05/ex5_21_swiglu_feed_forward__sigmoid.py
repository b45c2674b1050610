# Correct: SiLU written as x * sigmoid(x), torch.mul
import torch
import torch.nn as nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        emb_dim, hidden_dim = cfg["emb_dim"], cfg["hidden_dim"]
        self.fc1 = nn.Linear(emb_dim, hidden_dim, bias=False)
        self.fc2 = nn.Linear(emb_dim, hidden_dim, bias=False)
        self.fc3 = nn.Linear(hidden_dim, emb_dim, bias=False)

    def forward(self, x):
        g = self.fc1(x)
        return self.fc3(torch.mul(g * torch.sigmoid(g), self.fc2(x)))
