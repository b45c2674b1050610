# MUTANT: eps stored as a float16 buffer, so a small or large eps is rounded (1e-6 becomes
# 1.013e-6, 1e-8 becomes 0)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.register_buffer("eps", torch.tensor(eps, dtype=torch.float16))
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps.to(x.dtype))


EXPECTED_CAUSE = "eps is rounded to float16"
