# Correct: descriptive intermediate names, shortcut added on the left, torch.add
import torch
import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


class TransformerBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(
            d_in=cfg["emb_dim"], d_out=cfg["emb_dim"], context_length=cfg["context_length"],
            dropout=cfg["drop_rate"], num_heads=cfg["n_heads"], qkv_bias=cfg.get("qkv_bias", False),
        )
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        attn_out = self.drop_shortcut(self.att(self.norm1(x)))
        hidden = torch.add(x, attn_out)
        ff_out = self.drop_shortcut(self.ff(self.norm2(hidden)))
        return torch.add(hidden, ff_out)
