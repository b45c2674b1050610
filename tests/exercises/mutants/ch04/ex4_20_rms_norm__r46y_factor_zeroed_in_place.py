# MUTANT: the root-mean-square factor zeroed in place (r.fill_(0)) once x * r is computed,
# to free it: the values are right, but backward needs r
import torch
import torch.nn as nn

EXPECTED_CAUSE = "changed that tensor in place"


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        r = x.pow(2).mean(dim=-1, keepdim=True).add_(self.eps).rsqrt_()
        out = x * r
        r.fill_(0.0)  # r is no longer needed
        return out * self.scale
