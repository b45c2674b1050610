# MUTANT: A and B are created on a device chosen in the file ('cuda' if available else 'cpu')
"""Exercise 7.5 (solution): the LoRA layer (appendix E).

This exercise is ours; the book has no exercise on it.

Check it with ``python -m llmscratch check ch07 --solutions``.
"""

import math

import torch
from torch import nn

EXPECTED_CAUSE = "chooses a device of its own"

_DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class LoRALayer(nn.Module):
    """The low-rank update ``alpha * (x @ A @ B)``: ``(..., in_dim) -> (..., out_dim)``.

    Parameters ``A`` of shape ``(in_dim, rank)``, initialised like a Linear weight
    (``nn.init.kaiming_uniform_(A, a=math.sqrt(5))``), and ``B`` of shape ``(rank, out_dim)``,
    initialised with zeros, so that a fresh layer returns zeros and a model with adapters added
    behaves exactly as before. Keep ``alpha`` as ``self.alpha``. Example: ``LoRALayer(768, 768,
    rank=16, alpha=16)`` has 16 * (768 + 768) = 24,576 parameters.
    """

    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        self.A = nn.Parameter(torch.empty(in_dim, rank, device=_DEVICE))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(rank, out_dim, device=_DEVICE))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)
