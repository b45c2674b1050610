"""Parity cases for chapter 4: how to build and call each name the ch04 notebooks define.

The runner (tests/parity.py) seeds with 123 before every factory and construction, compares
signatures, state_dict keys/shapes, initial weights, and eval-mode outputs on the same weights.
Dropout is non-zero on purpose (eval mode must switch it off in both versions), and the
generation cases use prompts longer than the context, so cropping is compared too.
"""

import torch

from llmscratch import GPT_CONFIG_124M, GPTModel


def _cfg(**changes):
    cfg = {"vocab_size": 97, "context_length": 8, "emb_dim": 16, "n_heads": 4, "n_layers": 2,
           "drop_rate": 0.1, "qkv_bias": True}
    return {**cfg, **changes}


def _model():
    return GPTModel(_cfg()).eval()


CASES = {
    "LayerNorm": {
        "kwargs": lambda: dict(emb_dim=8),
        "inputs": lambda: (torch.randn(2, 5, 8) * 3 + 1,),
    },
    "GELU": {
        "kwargs": dict,
        "inputs": lambda: (torch.linspace(-5, 5, 41),),
    },
    "FeedForward": {
        "kwargs": lambda: dict(cfg=_cfg()),
        "inputs": lambda: (torch.randn(2, 4, 16),),
    },
    "TransformerBlock": {
        "kwargs": lambda: dict(cfg=_cfg()),
        "inputs": lambda: (torch.randn(2, 6, 16),),
    },
    "GPTModel": {
        "kwargs": lambda: dict(cfg=_cfg()),
        "inputs": lambda: (torch.randint(0, 97, (2, 7)),),
    },
    "generate_text_simple": {
        # a 12-token prompt for a model with context 8: the window must be cropped
        "inputs": lambda: (_model(), torch.randint(0, 97, (2, 12)), 5, 8),
    },
    "generate_text_simple_cached": {
        # 3 + 10 tokens run past context_length=8, so the cache must be refilled
        "inputs": lambda: (_model(), torch.randint(0, 97, (2, 3)), 10),
    },
    "count_parameters_from_config": {
        "inputs": lambda: (GPT_CONFIG_124M,),
        "probe": lambda fn: [fn(_cfg()), fn(_cfg(qkv_bias=False), weight_tying=True),
                             fn(GPT_CONFIG_124M, True)],
    },
    "kv_cache_bytes": {
        "inputs": lambda: (GPT_CONFIG_124M, 2, 100),
        "probe": lambda fn: [fn(_cfg()), fn(GPT_CONFIG_124M, 1, None, torch.bfloat16)],
    },
}
