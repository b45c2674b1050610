# MUTANT: ff.layers[2].weight re-initialised with GPT-2's std 0.02 (not the default init).
"""Exercise 4.4: a pre-norm transformer block with shortcut connections.
"""

import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention

EXPECTED_CAUSE = "an initialisation of your own"


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
        nn.init.normal_(self.ff.layers[2].weight, std=0.02)  # GPT-2 style init
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        x = x + self.drop_shortcut(self.att(self.norm1(x)))
        x = x + self.drop_shortcut(self.ff(self.norm2(x)))
        return x
