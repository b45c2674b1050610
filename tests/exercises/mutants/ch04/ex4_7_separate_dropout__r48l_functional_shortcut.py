# MUTANT: no drop_shortcut module in the block; F.dropout with the rate kept as a number
import torch
import torch.nn as nn
import torch.nn.functional as F

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention

EXPECTED_CAUSE = "each block has no drop_shortcut (your code calls f.dropout"


class GPTModelSeparateDropout(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate_emb"])
        self.trf_blocks = nn.Sequential(*[Block(cfg) for _ in range(cfg["n_layers"])])
        self.final_norm = LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, in_idx):
        seq_len = in_idx.shape[1]
        pos = self.pos_emb(torch.arange(seq_len, device=in_idx.device))
        x = self.drop_emb(self.tok_emb(in_idx) + pos)
        x = self.trf_blocks(x)
        return self.out_head(self.final_norm(x))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(cfg["emb_dim"], cfg["emb_dim"], cfg["context_length"],
                                      cfg["drop_rate_attn"], cfg["n_heads"], cfg["qkv_bias"])
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.p_shortcut = cfg["drop_rate_shortcut"]

    def forward(self, x):
        x = x + F.dropout(self.att(self.norm1(x)), self.p_shortcut, self.training)
        return x + F.dropout(self.ff(self.norm2(x)), self.p_shortcut, self.training)
