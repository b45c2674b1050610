# MUTANT: eps added to the sum of squares before dividing by the width (eps / emb_dim inside the
#         root)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        ss = x.pow(2).sum(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt((ss + self.eps) / x.shape[-1])


EXPECTED_CAUSE = "eps / emb_dim (eps / 7)"
