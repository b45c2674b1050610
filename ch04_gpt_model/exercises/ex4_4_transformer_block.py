"""Exercise 4.4: a pre-norm transformer block with shortcut connections.

This exercise is ours; the book has no exercise on it.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_4_transformer_block.py (try first!).
"""

import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


class TransformerBlock(nn.Module):
    """One GPT-2 transformer block (§4.5).

    Constructor: ``TransformerBlock(cfg)`` with the GPT config keys. Create, in this order:
    ``att`` (``MultiHeadAttention`` with ``d_in = d_out = emb_dim``, ``context_length``,
    ``num_heads = n_heads``, ``dropout = drop_rate``, ``qkv_bias``), ``ff`` (``FeedForward``),
    ``norm1`` and ``norm2`` (``LayerNorm(emb_dim)``) and ``drop_shortcut``
    (``nn.Dropout(drop_rate)``).

    ``forward(x)`` keeps the shape ``(batch, num_tokens, emb_dim)`` and applies two sub-layers,
    each as ``x = x + drop_shortcut(sublayer(norm(x)))``: first attention with ``norm1``, then
    the feed-forward block with ``norm2``. The normalisation comes BEFORE each sub-layer
    (pre-norm) and the input is added back AFTER it (the shortcut).
    """

    def __init__(self, cfg):
        super().__init__()
        raise NotImplementedError("your code here")

    def forward(self, x):
        raise NotImplementedError("your code here")
