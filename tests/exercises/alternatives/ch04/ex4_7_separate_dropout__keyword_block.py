# Correct: block with explicit rate arguments, config read once into local names
import torch
import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


class BlockWithRates(nn.Module):
    def __init__(self, cfg, attn_rate: float, shortcut_rate: float):
        super().__init__()
        self.att = MultiHeadAttention(
            d_in=cfg["emb_dim"], d_out=cfg["emb_dim"], context_length=cfg["context_length"],
            dropout=attn_rate, num_heads=cfg["n_heads"], qkv_bias=cfg["qkv_bias"],
        )
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(p=shortcut_rate)

    def forward(self, x):
        shortcut = x
        x = self.drop_shortcut(self.att(self.norm1(x))) + shortcut
        shortcut = x
        x = self.drop_shortcut(self.ff(self.norm2(x))) + shortcut
        return x


class GPTModelSeparateDropout(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        vocab, ctx, d = cfg["vocab_size"], cfg["context_length"], cfg["emb_dim"]
        self.tok_emb = nn.Embedding(vocab, d)
        self.pos_emb = nn.Embedding(ctx, d)
        self.drop_emb = nn.Dropout(cfg["drop_rate_emb"])
        blocks = [BlockWithRates(cfg, cfg["drop_rate_attn"], cfg["drop_rate_shortcut"])
                  for _ in range(cfg["n_layers"])]
        self.trf_blocks = nn.Sequential(*blocks)
        self.final_norm = LayerNorm(d)
        self.out_head = nn.Linear(d, vocab, bias=False)

    def forward(self, in_idx):
        pos = torch.arange(in_idx.size(1), device=in_idx.device, dtype=torch.long)
        x = self.tok_emb(in_idx) + self.pos_emb(pos)
        x = self.drop_emb(x)
        x = self.trf_blocks(x)
        x = self.final_norm(x)
        logits = self.out_head(x)
        return logits
