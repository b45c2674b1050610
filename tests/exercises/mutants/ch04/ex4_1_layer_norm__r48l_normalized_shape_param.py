# MUTANT: emb_dim renamed normalized_shape (torch's name), so LayerNorm(emb_dim=5) fails
import torch
import torch.nn as nn

EXPECTED_CAUSE = "your parameters are (normalized_shape)"


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(normalized_shape))
        self.shift = nn.Parameter(torch.zeros(normalized_shape))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift
