# MUTANT: the constructor's parameter emb_dim renamed dim (Llama's name), so
# RMSNorm(emb_dim=...) fails
import torch
import torch.nn as nn

EXPECTED_CAUSE = "keep the parameter names of the docstring"


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)
