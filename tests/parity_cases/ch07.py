"""Parity cases for the chapter 7 notebooks (ch07.ipynb, lora.ipynb, dpo.ipynb).

The notebook runner (tests/parity.py) seeds torch with 123 before every factory call, so the
tiny models built here are identical for the notebook's version and the package's.
"""

from __future__ import annotations

import functools

import torch
from torch import nn

import llmscratch

TINY = {"vocab_size": 50257, "context_length": 64, "emb_dim": 16, "n_heads": 2, "n_layers": 1,
        "drop_rate": 0.0, "qkv_bias": False}


@functools.lru_cache(maxsize=1)
def _records():
    return tuple(llmscratch.download_and_load_file())


@functools.lru_cache(maxsize=1)
def _preference_records():
    return tuple(llmscratch.download_and_load_file(asset="instruction-data-with-preference"))


@functools.lru_cache(maxsize=1)
def _tokenizer():
    return llmscratch.get_gpt2_tokenizer()


def _dataset_probe(ds):
    cls, tok = type(ds), _tokenizer()
    variants = [cls(list(ds.data), tok, style, mask) for style in ("alpaca", "phi3")
                for mask in (False, True)]
    return [[v[i] for i in range(len(v))] for v in [ds, *variants]]


def _lora_probe(module):
    """Give every B (the layer's own or its adapter's) seeded values and run it."""
    with torch.no_grad():
        for m in module.modules():
            if hasattr(m, "B") and isinstance(m.B, nn.Parameter):
                m.B.normal_()
        return module(torch.rand(2, 3, 8))


def _replace_probe(fn):
    model = nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Sequential(nn.Linear(6, 3)))
    fn(model, 2, 3.0)
    fn(model, 2, 3.0)  # a second call must not stack adapters
    shapes = [(k, tuple(v.shape)) for k, v in model.state_dict().items()]
    return shapes, _lora_probe(model)


def _short_preference_items(n=2, limit=64):
    dataset = llmscratch.PreferenceDataset(list(_preference_records()[:40]), _tokenizer())
    items = [dataset[i] for i in range(len(dataset))
             if max(len(dataset[i]["chosen"]), len(dataset[i]["rejected"])) < limit]
    return items[:n]


def _dpo_batch_inputs():
    batch = llmscratch.dpo_collate_fn(_short_preference_items())
    torch.manual_seed(123)
    policy = llmscratch.GPTModel(TINY).eval()
    torch.manual_seed(321)
    reference = llmscratch.GPTModel(TINY).eval()
    return batch, policy, reference, 0.1


CASES = {
    # ch07.ipynb
    "format_input": {  # a few prompts shown in full, then all 1,100 as one string
        "probe": lambda fn: {"first three": [fn(e) for e in _records()[:3]],
                             "all 1100": "\n\x00".join(fn(e) for e in _records())},
    },
    "InstructionDataset": {
        "kwargs": lambda: dict(data=list(_records()[:6]), tokenizer=_tokenizer()),
        "probe": _dataset_probe,
    },
    "custom_collate_fn": {
        "inputs": lambda: ([[1, 2, 3, 4, 5], (3, [6, 7, 8]), [9], [10, 50256, 11]], 50256, -100,
                           None, "cpu"),
        "probe": lambda fn: [fn([[1, 2, 3, 4, 5], (2, [6, 7, 8]), [9]], 0, -1, n)
                             for n in (None, 1, 3, 9)],
    },
    "rouge_l_score": {
        "inputs": lambda: ("The cat sat on the mat today!", "the cat is on the mat"),
        "probe": lambda fn: [fn(a, b) for a, b in [("", "x"), ("a b c d e", "a c e f"),
                                                   ("Same words.", "same words")]],
    },
    # lora.ipynb
    "LoRALayer": {
        "kwargs": lambda: dict(in_dim=8, out_dim=5, rank=2, alpha=1.5),
        "inputs": lambda: (torch.rand(2, 3, 8),),
        "probe": _lora_probe,
    },
    "LinearWithLoRA": {
        "kwargs": lambda: dict(linear=nn.Linear(8, 5), rank=2, alpha=1.5),
        "inputs": lambda: (torch.rand(2, 3, 8),),
        "probe": _lora_probe,
    },
    "replace_linear_with_lora": {"probe": _replace_probe},
    # dpo.ipynb
    "PreferenceDataset": {
        "kwargs": lambda: dict(data=list(_preference_records()[:5]), tokenizer=_tokenizer()),
        "probe": lambda ds: [ds[i] for i in range(len(ds))],
    },
    "dpo_collate_fn": {
        "inputs": lambda: (_short_preference_items(3, 200), 50256, None, True, "cpu"),
        "probe": lambda fn: [fn(_short_preference_items(3, 200), 0, n, m)
                             for n in (None, 20) for m in (True, False)],
    },
    "compute_logprobs": {
        "inputs": lambda: (torch.randn(2, 5, 7), torch.randint(0, 7, (2, 5)),
                           torch.tensor([[0, 1, 1, 0, 1], [0, 0, 1, 1, 1]], dtype=torch.bool)),
        "probe": lambda fn: fn(torch.randn(3, 4, 6), torch.randint(0, 6, (3, 4))),
    },
    "compute_dpo_loss": {
        "inputs": lambda: (*(-torch.rand(5) * 4 for _ in range(4)), 0.2),
    },
    "compute_dpo_loss_batch": {"inputs": _dpo_batch_inputs},
}
