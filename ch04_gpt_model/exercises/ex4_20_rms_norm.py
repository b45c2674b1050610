"""Exercise 4.20 (bonus): RMSNorm, the normalisation of Llama and Qwen3.

This exercise is ours; the book's Llama bonus uses RMSNorm without an exercise.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_20_rms_norm.py (try first!).
"""

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
        raise NotImplementedError("your code here")

    def forward(self, x):
        raise NotImplementedError("your code here")
