# MUTANT: keeps a running mean of squares (BatchNorm habit) and uses it in eval mode
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.register_buffer("running_ms", torch.ones(1))

    def forward(self, x):
        if self.training:
            ms = x.pow(2).mean(dim=-1, keepdim=True)
            self.running_ms = 0.9 * self.running_ms + 0.1 * ms.mean().detach()
        else:
            ms = self.running_ms
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "keeps no running statistics"
