# MUTANT: the unbiased variance multiplied by n / (n - 1) instead of (n - 1) / n, meant to
# make it biased.
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        n = x.shape[-1]
        mean = x.mean(dim=-1, keepdim=True)
        # meant to turn torch's unbiased variance into the biased one, ratio inverted
        var = x.var(dim=-1, keepdim=True) * n / (n - 1)
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift

EXPECTED_CAUSE = "the correction turned the wrong way round"
