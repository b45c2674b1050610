# Correct: eps kept as a non-persistent 0-dim buffer (a 0-dim tensor keeps x's dtype)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.register_buffer("eps", torch.tensor(eps), persistent=False)
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)
