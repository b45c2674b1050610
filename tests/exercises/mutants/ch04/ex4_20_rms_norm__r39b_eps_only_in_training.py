# MUTANT: eps added only in training mode (eval divides by the bare root).
import torch
import torch.nn as nn

EXPECTED_CAUSE = 'is eps added only in training?'


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        if self.training:
            mean_square = mean_square + self.eps
        return self.scale * x * torch.rsqrt(mean_square)
