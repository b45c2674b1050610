# ALTERNATIVE: statistics in float32 for float16/bfloat16 inputs, cast back to x's dtype
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        xf = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
        mean = xf.mean(dim=-1, keepdim=True)
        var = xf.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = ((xf - mean) / torch.sqrt(var + self.eps)).to(x.dtype)
        return self.scale * norm_x + self.shift
