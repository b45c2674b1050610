# MUTANT: eps raised to the dtype's machine epsilon and kept on self after a bfloat16 call
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        if x.dtype in (torch.float16, torch.bfloat16):
            self.eps = max(self.eps, torch.finfo(x.dtype).eps)
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + self.eps)

EXPECTED_CAUSE = "something was kept from the bfloat16 call"
