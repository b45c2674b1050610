# Correct: the two sub-layers as (norm, layer) pairs in a loop, a helper for the residual step
import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


class TransformerBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        emb_dim, rate = cfg["emb_dim"], cfg["drop_rate"]
        self.att = MultiHeadAttention(d_in=emb_dim, d_out=emb_dim,
                                      context_length=cfg["context_length"], dropout=rate,
                                      num_heads=cfg["n_heads"], qkv_bias=cfg["qkv_bias"])
        self.ff = FeedForward(cfg)
        self.norm1, self.norm2 = LayerNorm(emb_dim), LayerNorm(emb_dim)
        self.drop_shortcut = nn.Dropout(p=rate)

    def _residual(self, x, norm, sublayer):
        return x + self.drop_shortcut(sublayer(norm(x)))

    def forward(self, x):
        for norm, sublayer in ((self.norm1, self.att), (self.norm2, self.ff)):
            x = self._residual(x, norm, sublayer)
        return x
