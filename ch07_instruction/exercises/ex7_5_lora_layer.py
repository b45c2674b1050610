"""Exercise 7.5: the LoRA layer (appendix E).

This exercise is ours; the book has no exercise on it.

Edit this file, then check it with ``python -m llmscratch check ch07``.
The answer is in ../solutions/ex7_5_lora_layer.py (try first!).
"""

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
        raise NotImplementedError("your code here")

    def forward(self, x):
        raise NotImplementedError("your code here")
