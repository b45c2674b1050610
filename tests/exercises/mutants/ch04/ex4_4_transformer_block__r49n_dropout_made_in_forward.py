# MUTANT: forward makes a new nn.Dropout on every call (never switched off by .eval()).
"""Exercise 4.4: a pre-norm transformer block with shortcut connections.
"""

import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention

EXPECTED_CAUSE = "forward makes a new nn.Dropout"


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
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        drop = nn.Dropout(self.drop_shortcut.p)
        x = x + drop(self.att(self.norm1(x)))
        x = x + drop(self.ff(self.norm2(x)))
        return x
