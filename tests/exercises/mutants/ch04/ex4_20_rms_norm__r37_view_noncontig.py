# MUTANT: flattened with .view, which raises on a non-contiguous (transposed) input
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        flat = x.view(-1, x.shape[-1])
        mean_square = flat.pow(2).mean(dim=-1, keepdim=True)
        out = flat * torch.rsqrt(mean_square + self.eps)
        return self.scale * out.view(x.shape)


EXPECTED_CAUSE = ".view cannot flatten such a tensor"
