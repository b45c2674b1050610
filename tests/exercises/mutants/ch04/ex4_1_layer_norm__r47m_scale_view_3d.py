# MUTANT: scale and shift reshaped with .view(1, 1, -1) for 3-D inputs, so a 1-D or 2-D
# input comes back with extra leading dimensions.
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        # shaped for (batch, tokens, emb_dim)
        return self.scale.view(1, 1, -1) * norm_x + self.shift.view(1, 1, -1)

EXPECTED_CAUSE = "scale or shift is reshaped for (batch, tokens, emb_dim)"
