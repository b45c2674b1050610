# MUTANT: the scale cast to the input dtype is kept from the first call (stale after updates)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self._scale_cast = None

    def forward(self, x):
        if self._scale_cast is None:
            self._scale_cast = self.scale.to(x.dtype)
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self._scale_cast * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "the layer keeps the scale of its first call"
