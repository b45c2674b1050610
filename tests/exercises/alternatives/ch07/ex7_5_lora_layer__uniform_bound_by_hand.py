# A drawn by hand with uniform_(-1/sqrt(rank), 1/sqrt(rank)): kaiming_uniform_'s bound
# and draws on an (in_dim, rank) tensor.
import math

import torch
from torch import nn


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
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        with torch.no_grad():
            self.A.uniform_(-1 / math.sqrt(rank), 1 / math.sqrt(rank))
        self.B = nn.Parameter(torch.zeros(rank, out_dim))
        self.alpha = alpha

    def forward(self, x):
        return self.alpha * (x @ self.A @ self.B)
