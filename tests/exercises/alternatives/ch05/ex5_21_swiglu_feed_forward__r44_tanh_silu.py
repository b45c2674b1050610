# Correct: SiLU through sigmoid(h) = (1 + tanh(h / 2)) / 2
import torch
import torch.nn as nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        h = self.fc1(x)
        gate = h * 0.5 * (1 + torch.tanh(h / 2))
        return self.fc3(gate * self.fc2(x))
