# MUTANT: eps registered as a (persistent) buffer, so it lands in the state_dict as an extra key
# that a checkpoint of the book's layer lacks
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.register_buffer("eps", torch.tensor(eps))
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ms = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(ms + self.eps)


EXPECTED_CAUSE = "persistent by default"
