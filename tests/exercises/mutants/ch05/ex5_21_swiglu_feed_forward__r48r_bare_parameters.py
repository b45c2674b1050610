# MUTANT: fc1, fc2, fc3 kept as bare nn.Parameter weights, not nn.Linear layers
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        e, h = cfg["emb_dim"], cfg["hidden_dim"]
        self.fc1 = nn.Parameter(torch.randn(h, e) / e**0.5)
        self.fc2 = nn.Parameter(torch.randn(h, e) / e**0.5)
        self.fc3 = nn.Parameter(torch.randn(e, h) / h**0.5)

    def forward(self, x):
        return F.silu(x @ self.fc1.T) * (x @ self.fc2.T) @ self.fc3.T


EXPECTED_CAUSE = "bare tensors"
