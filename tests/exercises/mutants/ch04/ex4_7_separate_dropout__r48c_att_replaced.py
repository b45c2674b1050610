# MUTANT: each TransformerBlock's att replaced by a new MultiHeadAttention once the block is built.
import torch
import torch.nn as nn

from llmscratch import LayerNorm, MultiHeadAttention, TransformerBlock

EXPECTED_CAUSE = "a second multiheadattention"


class GPTModelSeparateDropout(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate_emb"])
        blocks = []
        for _ in range(cfg["n_layers"]):
            block = TransformerBlock({**cfg, "drop_rate": cfg["drop_rate_shortcut"]})
            block.att = MultiHeadAttention(cfg["emb_dim"], cfg["emb_dim"], cfg["context_length"],
                                           cfg["drop_rate_attn"], cfg["n_heads"],
                                           qkv_bias=cfg["qkv_bias"])
            blocks.append(block)
        self.trf_blocks = nn.Sequential(*blocks)
        self.final_norm = LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, in_idx):
        batch_size, seq_len = in_idx.shape
        x = self.tok_emb(in_idx) + self.pos_emb(torch.arange(seq_len, device=in_idx.device))
        x = self.drop_emb(x)
        x = self.trf_blocks(x)
        return self.out_head(self.final_norm(x))
