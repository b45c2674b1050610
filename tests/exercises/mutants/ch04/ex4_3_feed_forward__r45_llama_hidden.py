# MUTANT: hidden width int(8 * emb_dim / 3), Llama's SwiGLU habit.
"""

This exercise is ours; the book has no exercise on it.
"""

import torch.nn as nn

from llmscratch import GELU


class FeedForward(nn.Module):
    """The position-wise feed-forward network of a GPT block (§4.3).

    Constructor: ``FeedForward(cfg)`` where ``cfg["emb_dim"]`` is the token width. Keep the
    layers in an ``nn.Sequential`` called ``layers``: a ``Linear`` from ``emb_dim`` to
    ``hidden``, a ``GELU`` (import it from llmscratch), and a ``Linear`` back to
    ``emb_dim``, both with bias, passed in that order (not as named layers), so the
    ``state_dict`` keys are the book's ``layers.0.*`` and ``layers.2.*`` that GPT-2's weights
    are loaded into. ``forward(x)``: ``(batch, num_tokens, emb_dim)`` in and out.

    With ``emb_dim = 768`` the block holds 4,722,432 parameters.
    """

    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        hidden = int(8 * emb_dim / 3)
        self.layers = nn.Sequential(
            nn.Linear(emb_dim, hidden),
            GELU(),
            nn.Linear(hidden, emb_dim),
        )

    def forward(self, x):
        return self.layers(x)

EXPECTED_CAUSE = "int(8/3 * emb_dim)"
