# MUTANT: the scale also stored as self.weight (Hugging Face's name): one parameter under two
# names, so the state_dict holds both 'scale' and 'weight'
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))
        # also reachable under Hugging Face's name
        self.weight = self.scale

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.weight * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "under a second name"
