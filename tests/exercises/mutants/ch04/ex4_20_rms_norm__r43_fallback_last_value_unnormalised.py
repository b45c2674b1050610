# MUTANT: the last feature left as x (no replay matches: the fallback says where it differs)
import torch
import torch.nn as nn

EXPECTED_CAUSE = "1 of 4 values differs, at index (0, 3)"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        out = self.scale * x * torch.rsqrt(ms + self.eps)
        return torch.cat((out[..., :-1], x[..., -1:]), dim=-1)
