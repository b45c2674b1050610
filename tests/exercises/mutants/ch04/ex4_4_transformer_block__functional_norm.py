# MUTANT: F.layer_norm without norm1/norm2's scale and shift.
import torch.nn as nn
import torch.nn.functional as F

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


class TransformerBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(cfg["emb_dim"], cfg["emb_dim"], cfg["context_length"],
                                      cfg["drop_rate"], cfg["n_heads"], qkv_bias=cfg["qkv_bias"])
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        shape = (x.shape[-1],)
        x = x + self.drop_shortcut(self.att(F.layer_norm(x, shape, eps=1e-5)))
        return x + self.drop_shortcut(self.ff(F.layer_norm(x, shape, eps=1e-5)))


EXPECTED_CAUSE = 'scale and shift are not used'
