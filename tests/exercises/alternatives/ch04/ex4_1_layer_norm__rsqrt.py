# Correct: centred variance written out, torch.rsqrt, eps as a class attribute, addcmul
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    eps = 1e-5

    def __init__(self, emb_dim):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        centred = x - x.mean(dim=-1, keepdim=True)
        var = centred.pow(2).mean(dim=-1, keepdim=True)  # biased: divides by emb_dim
        return torch.addcmul(self.shift, self.scale, centred * torch.rsqrt(var + self.eps))
