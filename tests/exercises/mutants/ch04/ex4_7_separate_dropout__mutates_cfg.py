# MUTANT: writes cfg['drop_rate'] into the caller's config to reuse TransformerBlock (input mutated)
import torch
import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention, TransformerBlock


class GPTModelSeparateDropout(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate_emb"])
        self.trf_blocks = nn.Sequential(*[self._block(cfg) for _ in range(cfg["n_layers"])])
        self.final_norm = LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, in_idx):
        batch_size, seq_len = in_idx.shape
        tok_embeds = self.tok_emb(in_idx)
        pos_embeds = self.pos_emb(torch.arange(seq_len, device=in_idx.device))
        x = self.drop_emb(tok_embeds + pos_embeds)
        x = self.trf_blocks(x)
        x = self.final_norm(x)
        return self.out_head(x)

    @staticmethod
    def _block(cfg):
        cfg["drop_rate"] = cfg["drop_rate_attn"]
        block = TransformerBlock(cfg)
        block.drop_shortcut = nn.Dropout(cfg["drop_rate_shortcut"])
        return block


EXPECTED_CAUSE = 'changed the cfg it was given'
