# Mutant: the scale made once per emb_dim at module level, shared by all layers.
import torch
import torch.nn as nn

_scales = {}


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        if emb_dim not in _scales:
            _scales[emb_dim] = nn.Parameter(torch.ones(emb_dim))
        self.scale = _scales[emb_dim]

    def forward(self, x):
        return self.scale * x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + self.eps)


EXPECTED_CAUSE = "share one scale tensor"
