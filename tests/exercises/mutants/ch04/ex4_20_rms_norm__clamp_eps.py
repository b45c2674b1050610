# Mutant: eps used as a floor (clamp min=eps) instead of added inside the root
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    """Root-mean-square normalisation over the last dimension, with a learned ``scale``.

    Constructor: ``RMSNorm(emb_dim, eps=1e-6)`` with one trainable parameter ``scale`` (ones,
    shape ``(emb_dim,)``); there is no shift. ``forward(x)``: divide every token vector by
    ``sqrt(mean(x**2) + eps)`` (mean over the last dimension, eps inside the root), then
    multiply by ``scale``. Unlike LayerNorm nothing is subtracted. Shape in = shape out.

    Example: ``RMSNorm(4)(torch.tensor([[1., 2., 3., 4.]]))`` gives about
    ``[[0.3651, 0.7303, 1.0954, 1.4606]]`` (mean of squares 7.5, root 2.7386).
    """

    def __init__(self, emb_dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return self.scale * x * torch.rsqrt(mean_square.clamp(min=self.eps))


EXPECTED_CAUSE = 'eps is a floor here'
