# MUTANT: subtracts the mean (variance instead of mean square).
"""Exercise 4.20 (solution, bonus): RMSNorm, the normalisation of Llama and Qwen3."""

import torch
import torch.nn as nn


class RMSNorm(nn.Module):

    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.var(dim=-1, keepdim=True, unbiased=False)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)

EXPECTED_CAUSE = 'you divided by the variance'  # named in the message
