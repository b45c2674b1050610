"""Parity cases for the chapter 6 notebook (ch06.ipynb, the spam classifier).

The notebook runner (tests/parity.py) seeds torch with 123 before every factory call, so the
tiny classifiers built here are identical for the notebook's version and the package's.
``calc_loss_batch``, ``calc_loss_loader`` and ``evaluate_model`` share their names with chapter
5's exports; ``"ref"`` points the runner at the chapter-6 (last-token) versions instead.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pandas as pd
import torch
from torch.utils.data import DataLoader

import llmscratch

TINY = {"vocab_size": 50257, "context_length": 32, "emb_dim": 16, "n_heads": 2, "n_layers": 2,
        "drop_rate": 0.0, "qkv_bias": False}
TEXTS = ["Ok lar... Joking wif u oni...", "WINNER!! You have been selected to receive a prize",
         "Call me when you get home", "Free entry in 2 a wkly comp to win FA Cup final tkts",
         "I'll be late", "URGENT! Your mobile number has won 2000 pounds. Call 09061701461"]


@functools.lru_cache(maxsize=1)
def _tokenizer():
    return llmscratch.get_gpt2_tokenizer()


@functools.lru_cache(maxsize=1)
def _csv() -> str:
    """A small train.csv in the book's format (Label 0/1, Text), written once per session."""
    path = Path(tempfile.mkdtemp(prefix="ch06-parity-")) / "train.csv"
    pd.DataFrame({"Label": [0, 1, 0, 1, 0, 1], "Text": TEXTS}).to_csv(path, index=None)
    return str(path)


def _frame():
    labels = ["ham"] * 12 + ["spam"] * 4
    return pd.DataFrame({"Label": labels, "Text": [f"message {i}" for i in range(16)]})


def _classifier():
    model = llmscratch.GPTModel(TINY)
    return llmscratch.convert_to_classifier(model, num_classes=2, trainable="last_block")


def _loader(shuffle=False):
    dataset = llmscratch.SpamDataset(_csv(), _tokenizer())
    generator = torch.Generator().manual_seed(123)
    return DataLoader(dataset, batch_size=2, shuffle=shuffle, generator=generator)


def _dataset_probe(ds):
    short = type(ds)(_csv(), _tokenizer(), max_length=5, pad_token_id=7)
    return [[d.max_length, len(d), [d[i] for i in range(len(d))]] for d in (ds, short)]


def _frames(parts):
    return [[list(p.index), p.to_dict(orient="list")] for p in parts]


class _Recorder(torch.nn.Module):
    """A tiny classifier that remembers every input, so padding and truncation are compared."""

    def __init__(self):
        super().__init__()
        self.inner = _classifier()
        self.pos_emb = self.inner.pos_emb
        self.seen = []

    def forward(self, in_idx):
        self.seen.append(in_idx.clone())
        return self.inner(in_idx)


def _classify_probe(fn):
    model, out = _Recorder(), []
    for text in TEXTS:
        for max_length in (None, 8, 20, 64):  # 64 is beyond the context length of 32
            out.append(fn(text * 3, model, _tokenizer(), "cpu", max_length))
    return out, model.seen


def _training_inputs():
    model = _classifier()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1)
    return (model, _loader(shuffle=True), _loader(), optimizer, "cpu", 2, 2, 1)


CASES = {
    # DataFrames do not compare with ==, so these two are probed as plain dicts and lists
    "create_balanced_dataset": {
        "probe": lambda fn: _frames([fn(_frame())]),
    },
    "random_split": {
        "probe": lambda fn: _frames(fn(_frame(), 0.5, 0.25)),
    },
    "SpamDataset": {
        "kwargs": lambda: dict(csv_file=_csv(), tokenizer=_tokenizer()),
        "probe": _dataset_probe,
    },
    "calc_accuracy_loader": {
        "inputs": lambda: (_loader(), _classifier(), "cpu"),
    },
    "calc_loss_batch": {
        "ref": "llmscratch.classification.calc_loss_batch",
        "inputs": lambda: (*next(iter(_loader())), _classifier(), "cpu"),
    },
    "calc_loss_loader": {
        "ref": "llmscratch.classification.calc_loss_loader",
        "inputs": lambda: (_loader(), _classifier(), "cpu", 2),
    },
    "evaluate_model": {
        "ref": "llmscratch.classification.evaluate_model",
        "inputs": lambda: (_classifier(), _loader(), _loader(), "cpu", 2),
    },
    "train_classifier_simple": {
        "inputs": _training_inputs,
    },
    "classify_review": {
        "probe": _classify_probe,
    },
}
