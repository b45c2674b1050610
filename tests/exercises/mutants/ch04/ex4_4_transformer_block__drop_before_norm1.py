# MUTANT: drop_shortcut on the attention's input, before norm1, instead of on its output
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
        return x + self.drop_shortcut(self.ff(self.norm2(x)))

EXPECTED_CAUSE = "attention's input, before norm1"
