# MUTANT: statistics over dim=2 whenever the input has more than 2 dimensions (right for 3-D only).
import torch
import torch.nn as nn

EXPECTED_CAUSE = "you normalised over dim=2"


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        dim = 2 if x.dim() > 2 else -1  # (batch, tokens, emb_dim): the features are in dim 2
        mean = x.mean(dim=dim, keepdim=True)
        var = x.var(dim=dim, keepdim=True, unbiased=False)
        return self.scale * (x - mean) / torch.sqrt(var + self.eps) + self.shift
