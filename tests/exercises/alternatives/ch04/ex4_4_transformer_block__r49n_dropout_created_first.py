# ALTERNATIVE: drop_shortcut created first (no state: same seeded weights and state_dict)
"""Exercise 4.4: a pre-norm transformer block with shortcut connections.
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
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])  # no weights: its place is free
        self.att = MultiHeadAttention(
            d_in=cfg["emb_dim"],
            d_out=cfg["emb_dim"],
            context_length=cfg["context_length"],
            num_heads=cfg["n_heads"],
            dropout=cfg["drop_rate"],
            qkv_bias=cfg["qkv_bias"],
        )
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])

    def forward(self, x):
        shortcut = x
        x = self.drop_shortcut(self.att(self.norm1(x)))
        x = x + shortcut

        shortcut = x
        x = self.drop_shortcut(self.ff(self.norm2(x)))
        return x + shortcut
