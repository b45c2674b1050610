# MUTANT: SiLU written as h * exp(h) / (1 + exp(h)), which gives NaN once exp(h) overflows (h
# above about 88 in float32, 11 in float16)
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
        e = torch.exp(h)
        return self.fc3(h * e / (1 + e) * self.fc2(x))


EXPECTED_CAUSE = "exp(h) overflows float32"
