# MUTANT: each block builds a throwaway FeedForward(cfg) to count its parameters.
"""Exercise 4.7: a GPT model with separate dropout rates.
"""

import torch
import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention

EXPECTED_CAUSE = "makes an extra FeedForward(cfg) and throws it away"


class GPTModelSeparateDropout(nn.Module):
    """``GPTModel`` with one dropout rate per place where dropout is applied (§4.6).

    ``cfg`` holds the usual GPT config keys plus three rates that replace ``drop_rate``:
    ``drop_rate_emb`` (after adding token and position embeddings, module ``drop_emb``),
    ``drop_rate_attn`` (on the attention weights: the ``dropout`` argument of each block's
    ``MultiHeadAttention``) and ``drop_rate_shortcut`` (each block's ``drop_shortcut``, used on
    both sub-layers' outputs before the shortcut is added).

    Keep everything else as ``llmscratch.GPTModel``: the same attribute names (``tok_emb,
    pos_emb, drop_emb, trf_blocks, final_norm, out_head``; a block has ``att, ff, norm1, norm2,
    drop_shortcut``), created in the same order, so that the state dicts match. ``forward(
    in_idx)``: token ids ``(batch, num_tokens)`` -> logits ``(batch, num_tokens, vocab_size)``.
    Writing a small block class of your own next to this one is the easiest way.
    """

    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate_emb"])
        self.trf_blocks = nn.Sequential(*[_Block(cfg) for _ in range(cfg["n_layers"])])
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


class _Block(nn.Module):
    """A transformer block whose attention and shortcut dropout rates differ."""

    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(
            d_in=cfg["emb_dim"],
            d_out=cfg["emb_dim"],
            context_length=cfg["context_length"],
            num_heads=cfg["n_heads"],
            dropout=cfg["drop_rate_attn"],
            qkv_bias=cfg["qkv_bias"],
        )
        self.ff_count = sum(p.numel() for p in FeedForward(cfg).parameters())
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate_shortcut"])

    def forward(self, x):
        x = x + self.drop_shortcut(self.att(self.norm1(x)))
        return x + self.drop_shortcut(self.ff(self.norm2(x)))
