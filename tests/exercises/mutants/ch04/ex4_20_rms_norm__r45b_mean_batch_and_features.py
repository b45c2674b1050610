# MUTANT: the mean of squares taken over the batch and the features (dim=(0, -1)), so every
# token's root mixes in the other batch rows
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=(0, -1), keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)


EXPECTED_CAUSE = "over the batch and the features"
