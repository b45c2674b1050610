# MUTANT: the scale applied rolled by one feature (torch.roll(self.scale, 1)).
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    """Layer normalisation over the last dimension, as GPT-2 uses it (§4.2).

    Constructor: ``LayerNorm(emb_dim)`` with two trainable parameters named ``scale`` (ones)
    and ``shift`` (zeros), each of shape ``(emb_dim,)``, and ``eps = 1e-5``.
    ``forward(x)``: for every token vector (the last dimension) subtract its mean, divide by
    ``sqrt(variance + eps)`` where the variance divides by ``emb_dim`` (not ``emb_dim - 1``),
    then multiply by ``scale`` and add ``shift``. Shape in = shape out, and a float64 input
    gives a float64 output (the float32 parameters must not force it back to float32).

    Example: ``LayerNorm(4)(torch.tensor([1., 2., 3., 4.]))`` gives about
    ``[-1.3416, -0.4472, 0.4472, 1.3416]`` (mean 2.5, variance 1.25).
    """

    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)  # divide by emb_dim
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return torch.roll(self.scale, 1) * norm_x + self.shift


EXPECTED_CAUSE = 'compared with self.scale: every value sits one position later'
