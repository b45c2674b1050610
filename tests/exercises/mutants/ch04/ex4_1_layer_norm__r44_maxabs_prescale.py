# MUTANT: each token divided by its largest |value| before the statistics (eps then weighs more).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        x = x / x.abs().amax(dim=-1, keepdim=True)  # keep values in [-1, 1]
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift


EXPECTED_CAUSE = 'divided by its largest |value| before the statistics'
MIN_MARGIN = 1.5  # the prescale moves the worked example [1, 2, 3, 4] by only 1.6e-4
# (tolerance 1e-4): dividing by 4 makes eps act like 1.6e-4 there; the named replay is exact
