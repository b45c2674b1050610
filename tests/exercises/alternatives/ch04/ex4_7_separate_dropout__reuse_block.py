# Correct: reuse llmscratch.TransformerBlock built with the shortcut rate, then set the attention
# rate
import torch
import torch.nn as nn

from llmscratch import LayerNorm, TransformerBlock


def _block(cfg):
    block = TransformerBlock({**cfg, "drop_rate": cfg["drop_rate_shortcut"]})
    block.att.dropout.p = cfg["drop_rate_attn"]  # attention-weight dropout gets its own rate
    return block


class GPTModelSeparateDropout(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate_emb"])
        self.trf_blocks = nn.Sequential(*(_block(cfg) for _ in range(cfg["n_layers"])))
        self.final_norm = LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, in_idx):
        _, seq_len = in_idx.shape
        positions = torch.arange(seq_len, device=in_idx.device).unsqueeze(0)  # (1, seq_len)
        x = self.drop_emb(self.tok_emb(in_idx) + self.pos_emb(positions))
        return self.out_head(self.final_norm(self.trf_blocks(x)))
