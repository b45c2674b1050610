# MUTANT: the up branch passed through abs (fc2(x).abs()), losing its sign.
"""Exercise 5.21 (solution, bonus): Llama's SwiGLU feed-forward.

This exercise is ours; the book's Llama bonus converts the feed-forward without an exercise.
"""

import torch.nn as nn
import torch.nn.functional as F

EXPECTED_CAUSE = "the sign of fc2's output is lost"


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
        self.fc1 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc2 = nn.Linear(cfg["emb_dim"], cfg["hidden_dim"], bias=False)
        self.fc3 = nn.Linear(cfg["hidden_dim"], cfg["emb_dim"], bias=False)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x).abs())
