# MUTANT: forward casts the module's own parameters to the input's dtype (self.to(x.dtype)).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        if self.scale.dtype != x.dtype:
            self.to(x.dtype)  # keep the parameters in the input's precision
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift


EXPECTED_CAUSE = "changed LayerNorm's own parameters"
