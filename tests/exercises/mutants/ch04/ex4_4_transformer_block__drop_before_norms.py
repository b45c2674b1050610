# MUTANT: drop_shortcut on both sub-layers' inputs, before their norms
import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


class TransformerBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(cfg["emb_dim"], cfg["emb_dim"], cfg["context_length"],
                                      cfg["drop_rate"], cfg["n_heads"], cfg["qkv_bias"])
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        x = x + self.att(self.norm1(self.drop_shortcut(x)))
        return x + self.ff(self.norm2(self.drop_shortcut(x)))

EXPECTED_CAUSE = "each sub-layer's input, before its norm"
