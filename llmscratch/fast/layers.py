"""The layers ``GPTModelFast`` swaps in besides ``FastLinear``: a cheaper dropout and an embedding
whose weight gradient reuses memory, and ``use_fast_kernels``, which swaps them all in.

- ``fast_dropout(x, p, training)`` / ``FastDropout``: inverted dropout whose mask takes four
  entries from each random 64-bit integer, kept as bytes and applied by one multiplication
  (other random draws than ``nn.Dropout``, the same expectation).
- ``FastEmbedding``: ``nn.Embedding`` whose weight gradient, training on the CPU, is summed into
  a buffer the layer keeps between steps (``KeptBuffer`` from ``llmscratch.fast.kernels``).
- ``use_fast_kernels(module)``: every plain ``nn.Linear`` / ``nn.Dropout`` / ``nn.Embedding``
  under a module becomes ``FastLinear`` / ``FastDropout`` / ``FastEmbedding`` in place (same
  objects, parameters and ``state_dict``).

Why and when each applies: ``llmscratch/fast/DESIGN.md``. Tests: ``tests/fast/``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from llmscratch.fast.kernels import FastLinear, KeepsBuffers, KeptBuffer

# --- a cheaper dropout mask ----------------------------------------------------------------------


_LANES = 2**15  # each 16-bit piece of a random 64-bit integer, sign bit cleared: 0 .. 2^15 - 1


def _lane_threshold(p):
    """``p`` in units of 2^-15, or None where rounding it so would move it by more than 1%."""
    threshold = round(p * _LANES)
    close = abs(threshold - p * _LANES) <= 0.01 * min(p, 1 - p) * _LANES
    return threshold if close and 0 < threshold < _LANES else None


def _keep_mask(x, threshold):
    """1 where an entry of ``x`` is kept, 0 where it is dropped: ``uint8``, ``x``'s shape.

    One ``random_()`` 64-bit integer gives four entries: seen as four 16-bit integers whose
    sign bit is cleared, each is uniform on 0 .. 2^15 - 1 and kept when at least ``threshold``
    (so with probability ``1 - threshold / 2^15``). Drawing a quarter as many numbers as
    ``torch.rand`` is what makes it cheap: PyTorch's CPU generator runs in one thread. One
    byte an entry, kept until the backward: a mask in ``x``'s dtype applied about 10% faster
    per call but held 4 bytes an entry (about 100 MB more at the peak of a 124M step).
    """
    n = x.numel()
    lanes = torch.empty((n + 3) // 4, dtype=torch.int64, device=x.device).random_()
    lanes = lanes.view(torch.int16)[:n].bitwise_and_(_LANES - 1).view(x.shape)
    return torch.ge(lanes, threshold, out=torch.empty(x.shape, dtype=torch.uint8, device=x.device))


class _DropoutFunction(torch.autograd.Function):
    """Inverted dropout with a 0/1 mask from ``_keep_mask`` (saved for the backward)."""

    @staticmethod
    def forward(ctx, x, p, threshold):
        keep = _keep_mask(x, threshold)
        ctx.save_for_backward(keep)
        ctx.scale = 1.0 / (1.0 - p)
        # x * keep * scale in one pass (addcmul to a zero, the bytes read as x's dtype),
        # rounded as x * scale would be
        return torch.addcmul(x.new_zeros(()), x, keep, value=ctx.scale)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad_out):
        (keep,) = ctx.saved_tensors
        return torch.addcmul(grad_out.new_zeros(()), grad_out, keep, value=ctx.scale), None, None


def fast_dropout(x, p, training=True):
    """``F.dropout(x, p, training)``: zero each entry with probability ``p``, scale the rest.

    The distribution of ``nn.Dropout`` (each entry kept with probability ``1 - p`` and scaled
    by ``1 / (1 - p)``), with ``p`` rounded to a multiple of 2^-15 for the draw (0.1 becomes
    0.1000061; the scale stays ``1 / (1 - p)``, so the mean moves by under 1e-5 of itself) and
    other random draws. On the CPU PyTorch's dropout spends most of its time drawing one random
    number per entry (``bernoulli_``), and applying a boolean mask (``torch.where``) is slow
    too; here one random 64-bit integer serves four entries (``_keep_mask``) and the mask, kept
    as bytes for the backward, is applied with one multiplication (``addcmul``). A ``p`` that
    the rounding would move by more than 1% of itself (under about 0.0015) goes to
    ``F.dropout``, as do GPUs and ``torch.compile``.
    """
    if not training or p == 0:
        return x
    threshold = _lane_threshold(p) if 0 < p < 1 else None
    if threshold is None or x.device.type != "cpu" or torch.compiler.is_compiling():
        return F.dropout(x, p, training)
    return _DropoutFunction.apply(x, p, threshold)


class FastDropout(nn.Dropout):
    """``nn.Dropout`` (same ``p``) whose mask comes from ``fast_dropout``."""

    def forward(self, x):
        return fast_dropout(x, self.p, self.training)


# --- an embedding whose gradient reuses memory --------------------------------------------------


class _EmbeddingFunction(torch.autograd.Function):
    """``F.embedding(ids, weight)`` whose weight gradient is summed into a kept buffer."""

    @staticmethod
    def forward(ctx, ids, weight, kept):
        ctx.save_for_backward(ids)
        ctx.kept, ctx.weight_shape = kept, weight.shape
        return F.embedding(ids, weight)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad_out):
        (ids,) = ctx.saved_tensors
        grad = ctx.kept.take(ctx.weight_shape, grad_out, zero=True)
        grad.index_add_(0, ids.reshape(-1), grad_out.reshape(-1, grad_out.shape[-1]))
        return None, grad, None


class FastEmbedding(KeepsBuffers, nn.Embedding):
    """``nn.Embedding`` (same weight, same ``state_dict``) whose weight gradient reuses memory.

    Training on the CPU, the gradient of the table is summed into a buffer the layer keeps
    (``KeptBuffer``): the same numbers as PyTorch's embedding backward (up to the order of
    additions for repeated ids), without fresh memory each step. The price is that the layer
    holds one table-sized buffer between steps while it lives. Elsewhere (GPUs, whose caching
    allocator already reuses memory; evaluation; ``padding_idx``, ``max_norm`` and the other
    options; ``torch.compile``) it is ``nn.Embedding``.
    """

    def forward(self, ids):
        if (self.weight.device.type == "cpu" and torch.is_grad_enabled()
                and self.weight.requires_grad and not torch.compiler.is_compiling()
                and self.padding_idx is None and self.max_norm is None
                and not self.scale_grad_by_freq and not self.sparse):
            if self._kept is None:
                self._kept = KeptBuffer()
            return _EmbeddingFunction.apply(ids, self.weight, self._kept)
        return super().forward(ids)


# --- swapping them in ----------------------------------------------------------------------------


def use_fast_kernels(root):
    """Make every plain ``nn.Linear`` / ``nn.Dropout`` / ``nn.Embedding`` under ``root`` a
    ``FastLinear`` / ``FastDropout`` / ``FastEmbedding`` in place: same objects, parameters and
    ``state_dict``, other ``forward``."""
    for module in root.modules():
        if type(module) is nn.Linear:
            module.__class__ = FastLinear
        elif type(module) is nn.Dropout:
            module.__class__ = FastDropout
        elif type(module) is nn.Embedding:
            module.__class__ = FastEmbedding
