# Correct: F.layer_norm without weights (it keeps x's dtype), then scale and shift by hand
import torch
import torch.nn as nn
import torch.nn.functional as F


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        normed = F.layer_norm(x, x.shape[-1:], eps=self.eps)
        return normed * self.scale + self.shift
