# MUTANT: __init__ builds a throwaway FeedForward(cfg) to count its parameters (extra draws).
"""Exercise 4.4: a pre-norm transformer block with shortcut connections.
"""

import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention

EXPECTED_CAUSE = "makes an extra FeedForward(cfg) and throws it away"


class TransformerBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(
            d_in=cfg["emb_dim"],
            d_out=cfg["emb_dim"],
            context_length=cfg["context_length"],
            num_heads=cfg["n_heads"],
            dropout=cfg["drop_rate"],
            qkv_bias=cfg["qkv_bias"],
        )
        self.ff_params = sum(p.numel() for p in FeedForward(cfg).parameters())  # for printing
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        x = x + self.drop_shortcut(self.att(self.norm1(x)))
        x = x + self.drop_shortcut(self.ff(self.norm2(x)))
        return x
