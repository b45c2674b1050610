# Correct: F.dropout with drop_shortcut's rate and the module's training flag, x += on a new tensor
import torch.nn as nn
import torch.nn.functional as F

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


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

    def _drop(self, h):
        return F.dropout(h, p=self.drop_shortcut.p, training=self.training)

    def forward(self, x):
        h = self._drop(self.att(self.norm1(x)))
        h += x  # h is a fresh tensor, so the caller's x is untouched
        out = self._drop(self.ff(self.norm2(h)))
        out += h
        return out
