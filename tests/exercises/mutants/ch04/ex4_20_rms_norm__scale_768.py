# Mutant: scale size hard-coded as 768 (GPT-2 small's emb_dim).
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(768))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale[: x.shape[-1]] * x / torch.sqrt(ms + self.eps)


EXPECTED_CAUSE = 'yours has shape (768,)'
