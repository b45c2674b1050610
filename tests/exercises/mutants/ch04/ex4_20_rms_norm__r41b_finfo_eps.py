# MUTANT: eps is raised to the input dtype's machine epsilon (max(eps, finfo.eps)), so
#   float16/bfloat16 inputs get eps 1e-3/8e-3 instead of 1e-6
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        eps = max(self.eps, torch.finfo(x.dtype).eps)
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square + eps)
EXPECTED_CAUSE = "max(eps, torch.finfo(x.dtype).eps)"
