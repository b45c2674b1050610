"""Appendix E: parameter-efficient finetuning with low-rank adaptation (LoRA).

Book: appendix E (used on the chapter-6 classifier; the same code finetunes the chapter-7
instruction model); notebook: ``ch07_instruction/lora.ipynb``. Inside:

- ``LoRALayer(in_dim, out_dim, rank, alpha)``: the low-rank update ``alpha * x @ A @ B``
- ``LinearWithLoRA(linear, rank, alpha)``: a frozen-or-not ``nn.Linear`` plus that update
- ``replace_linear_with_lora(model, rank, alpha)``: swap every ``nn.Linear`` in a model
- ``freeze_parameters``, ``merge_lora``: freeze the original weights before adding adapters,
  and fold trained adapters back into plain ``nn.Linear`` layers

The idea: instead of learning a full update ``delta_W`` (``in_dim x out_dim`` numbers) we learn
``A (in_dim x rank)`` and ``B (rank x out_dim)`` with ``rank`` small, and use
``x @ W + alpha * x @ A @ B``. ``B`` starts at zero, so a fresh adapter does not change the
model at all; training moves it away from zero.

Names, arguments and ``state_dict`` keys (``linear.weight``, ``lora.A``, ``lora.B``) are the
book's, and, as in the book, the update is scaled by ``alpha`` (not ``alpha / rank`` as in the
LoRA paper). Our additions: ``LinearWithLoRA`` exposes ``in_features``/``out_features`` so code
that reads them off a ``Linear`` keeps working, and ``merge_lora``.

Run the tests with ``python -m pytest tests/ch07/test_lora.py -q``.
"""

from __future__ import annotations

import math

import torch
from torch import nn


class LoRALayer(nn.Module):
    """The low-rank update ``alpha * (x @ A @ B)``: ``(..., in_dim) -> (..., out_dim)``.

    ``A`` is initialised like ``nn.Linear``'s weight (Kaiming-uniform, ``a=sqrt(5)``), ``B`` with
    zeros, so the layer outputs zeros until ``B`` is trained. It holds
    ``rank * (in_dim + out_dim)`` parameters: 24,576 for a 768 x 768 projection at rank 16,
    against 589,824 in the projection itself.

    Book: appendix E.4; notebook: ch07_instruction/lora.ipynb
    """

    def __init__(self, in_dim, out_dim, rank, alpha):
        super().__init__()
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
            raise ValueError(f"LoRA rank must be a positive int, got {rank!r}")
        self.A = nn.Parameter(torch.empty(in_dim, rank))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))  # same scheme as nn.Linear's weight
        self.B = nn.Parameter(torch.zeros(rank, out_dim))  # zero: no change before training
        self.alpha = alpha

    def forward(self, x):
        # (..., in_dim) @ (in_dim, rank) -> (..., rank) @ (rank, out_dim) -> (..., out_dim)
        return self.alpha * (x @ self.A @ self.B)


class LinearWithLoRA(nn.Module):
    """``linear(x) + lora(x)``: an existing ``nn.Linear`` with a LoRA update beside it.

    Shapes as the wrapped layer: ``(..., in_features) -> (..., out_features)``. The wrapped
    layer is kept as ``self.linear`` (its parameters are not frozen here: call
    ``freeze_parameters`` on the model first, as the book does).

    Book: appendix E.4; notebook: ch07_instruction/lora.ipynb
    """

    def __init__(self, linear, rank, alpha):
        super().__init__()
        self.linear = linear
        self.lora = LoRALayer(linear.in_features, linear.out_features, rank, alpha)

    @property
    def in_features(self):
        return self.linear.in_features

    @property
    def out_features(self):
        return self.linear.out_features

    def forward(self, x):
        return self.linear(x) + self.lora(x)


def replace_linear_with_lora(model, rank, alpha):
    """Replace every ``nn.Linear`` inside ``model`` (in place, recursively) by ``LinearWithLoRA``.

    Only ``nn.Linear`` modules are wrapped (embeddings and LayerNorms are not); layers that are
    already wrapped are left alone, so calling it twice does not stack adapters. For GPT-2 small
    turned into the chapter-6 classifier (``out_head = Linear(768, 2)``), with every original
    weight frozen first, rank 16 leaves 2,666,528 trainable parameters:
    12 blocks x 221,184 (q, k, v and out_proj: 4 x 16 x 1,536; the feed-forward pair:
    2 x 16 x 3,840) + 12,320 for the head (16 x 770). Returns ``model``.

    Book: appendix E.4; notebook: ch07_instruction/lora.ipynb
    """
    for name, module in model.named_children():
        if isinstance(module, LinearWithLoRA):
            continue
        if isinstance(module, nn.Linear):
            setattr(model, name, LinearWithLoRA(module, rank, alpha))
        else:
            replace_linear_with_lora(module, rank, alpha)
    return model


def freeze_parameters(model):
    """Set ``requires_grad=False`` on every parameter of ``model``; return ``model``.

    Book: appendix E.4 (the loop before ``replace_linear_with_lora``)
    """
    for param in model.parameters():
        param.requires_grad = False
    return model


@torch.no_grad()
def merge_lora(model):
    """Fold every ``LinearWithLoRA`` into a plain ``nn.Linear`` (in place); return ``model``.

    The merged weight is ``W + alpha * (A @ B).T`` (``nn.Linear`` stores ``W`` as
    ``(out_features, in_features)``), so the outputs are the same up to rounding and inference
    pays nothing extra. The merged layer keeps the wrapped layer's ``requires_grad`` setting.
    Any module with a ``linear`` (``nn.Linear``) and a ``lora`` (with ``A``, ``B``, ``alpha``)
    counts as an adapter, so the classes a notebook defines merge too.

    Notebook: ch07_instruction/lora.ipynb (our addition)
    """
    for name, module in model.named_children():
        if _is_lora_wrapper(module):
            linear, lora = module.linear, module.lora
            delta = lora.alpha * (lora.A @ lora.B).T  # (out_features, in_features)
            linear.weight.add_(delta.to(linear.weight.dtype))
            setattr(model, name, linear)
        else:
            merge_lora(module)
    return model


def _is_lora_wrapper(module):
    """True for ``LinearWithLoRA`` and look-alikes (a ``linear`` Linear plus a ``lora`` A/B)."""
    lora = getattr(module, "lora", None)
    return (isinstance(getattr(module, "linear", None), nn.Linear)
            and all(hasattr(lora, name) for name in ("A", "B", "alpha")))
