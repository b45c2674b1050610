"""Parity cases for chapter 3: how to build and call each attention name the notebooks define.

The runner (tests/parity.py) seeds with 123 before every factory and construction, compares
signatures, state_dict keys/shapes, initial weights, and eval-mode outputs on the same weights.
Dropout is non-zero on purpose: eval mode must switch it off in both versions.
"""

import torch

from llmscratch import MultiHeadAttention


def _mha_kwargs():
    return dict(d_in=8, d_out=8, context_length=6, dropout=0.1, num_heads=2, qkv_bias=True)


def _batch():
    return (torch.rand(2, 5, 8),)


def _torch_mha_probe(fn):
    """Map a seeded MultiHeadAttention with fn and run the result with a causal mask."""
    mha = MultiHeadAttention(**_mha_kwargs()).eval()
    torch_mha = fn(mha).eval()
    x = torch.rand(2, 5, 8)
    hidden = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
    with torch.no_grad():
        out, _ = torch_mha(x, x, x, attn_mask=hidden, need_weights=False)
    return out


CASES = {
    "SelfAttention_v1": {"kwargs": lambda: dict(d_in=3, d_out=2),
                         "inputs": lambda: (torch.rand(6, 3),)},
    "SelfAttention_v2": {"kwargs": lambda: dict(d_in=3, d_out=2, qkv_bias=True),
                         "inputs": lambda: (torch.rand(6, 3),)},
    "CausalAttention": {
        "kwargs": lambda: dict(d_in=4, d_out=3, context_length=6, dropout=0.1),
        "inputs": lambda: (torch.rand(2, 5, 4),),
    },
    "MultiHeadAttentionWrapper": {
        "kwargs": lambda: dict(d_in=4, d_out=3, context_length=6, dropout=0.1, num_heads=2),
        "inputs": lambda: (torch.rand(2, 5, 4),),
    },
    "MultiHeadAttention": {"kwargs": _mha_kwargs, "inputs": _batch},
    "MultiHeadAttentionSDPA": {"kwargs": _mha_kwargs, "inputs": _batch},
    "MultiHeadAttentionCombinedQKV": {"kwargs": _mha_kwargs, "inputs": _batch},
    "MultiHeadAttentionEinsum": {"kwargs": _mha_kwargs, "inputs": _batch},
    "to_torch_multihead_attention": {"probe": _torch_mha_probe},
    "get_attention_weights": {
        "inputs": lambda: (MultiHeadAttention(**_mha_kwargs()), torch.rand(2, 5, 8)),
    },
}
