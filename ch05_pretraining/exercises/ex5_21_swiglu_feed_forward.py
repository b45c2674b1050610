"""Exercise 5.21 (bonus): Llama's SwiGLU feed-forward.

This exercise is ours; the book's Llama bonus converts the feed-forward without an exercise.

Edit this file, then check it with ``python -m llmscratch check ch05``.
The answer is in ../solutions/ex5_21_swiglu_feed_forward.py (try first!).
"""

import torch.nn as nn
import torch.nn.functional as F


class SwiGLUFeedForward(nn.Module):
    """The gated feed-forward of Llama and Qwen3: ``fc3(silu(fc1(x)) * fc2(x))``.

    Constructor: ``SwiGLUFeedForward(cfg)`` with three ``nn.Linear`` layers, none with a bias:
    ``fc1`` and ``fc2`` map ``cfg["emb_dim"]`` to ``cfg["hidden_dim"]``, ``fc3`` maps back.
    ``forward(x)``: ``fc1`` is the gate, passed through SiLU (``x * sigmoid(x)``), and
    multiplies ``fc2``'s output elementwise; ``fc3`` projects the product. Shape in = shape
    out. Example: with ``emb_dim=2048, hidden_dim=8192`` (Llama 3.2 1B) it holds 50,331,648
    weights, against 33,564,672 for GPT-2's two-layer feed-forward at width 2048.
    """

    def __init__(self, cfg):
        super().__init__()
        raise NotImplementedError("your code here")

    def forward(self, x):
        raise NotImplementedError("your code here")
