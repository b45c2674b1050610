# Correct: eps added to every square before the mean, since mean(x**2 + eps) = mean(x**2) + eps
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = (x.pow(2) + self.eps).mean(dim=-1, keepdim=True)
        return self.scale * x / torch.sqrt(mean_square)
