# Correct: an nn.SiLU module attribute, the gate and the value computed on separate lines
import torch
from torch import nn


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg: dict):
        super().__init__()
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)
        self.silu = nn.SiLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        value = self.fc2(x)
        gate = self.silu(self.fc1(x))
        return self.fc3(gate * value)
