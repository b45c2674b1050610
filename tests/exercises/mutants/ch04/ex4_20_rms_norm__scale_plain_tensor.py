# Mutant: scale is a plain tensor, not an nn.Parameter (not trainable).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = torch.ones(emb_dim)

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x / torch.sqrt(ms + self.eps)


EXPECTED_CAUSE = 'not an nn.Parameter, so it is neither trained'
