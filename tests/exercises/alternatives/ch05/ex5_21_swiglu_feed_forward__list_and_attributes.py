# Correct: the layers also kept in a plain list; fc1..fc3 are attributes, so registered
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        e, h = cfg["emb_dim"], cfg["hidden_dim"]
        self.layers = [nn.Linear(e, h, bias=False), nn.Linear(e, h, bias=False),
                       nn.Linear(h, e, bias=False)]
        self.fc1, self.fc2, self.fc3 = self.layers

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))
