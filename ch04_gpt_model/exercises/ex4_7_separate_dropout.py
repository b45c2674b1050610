"""Exercise 4.7: a GPT model with separate dropout rates.

This is book exercise 4.3.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_7_separate_dropout.py (try first!).
"""

import torch
import torch.nn as nn

from llmscratch import FeedForward, LayerNorm, MultiHeadAttention


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
        raise NotImplementedError("your code here")

    def forward(self, in_idx):
        raise NotImplementedError("your code here")
