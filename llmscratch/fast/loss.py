"""The output head and the next-token loss in one step, for ``GPTModelFast.loss``.

The book's loss (§5.1) takes the logits ``(batch, tokens, vocab_size)`` from the model and hands
them to ``F.cross_entropy``, which makes three more tensors of their size on the way: the
log-softmax in the forward, then in the backward a zero-filled gradient and the gradient of the
logits. At GPT-2 124M with batch 2 and context 256 each is 103 MB, and on the CPU fresh memory
from the kernel, one page fault per 4 KiB.

``head_cross_entropy(x, head, targets)`` computes the same number from the final norm's output
``x`` without handing the logits to anyone, so it may reuse their memory:

1. the logits go into the buffer the head keeps between steps (``KeptBuffer``), by the same
   product in pieces as the head's own forward;
2. each row's log-sum-exp is taken a few rows at a time (``_LOSS_ROWS``, a slice that stays in
   the cache), and where a gradient is wanted the slice is turned into the softmax in place;
3. the loss is the mean over the counted rows of ``logsumexp - logit of the target``; rows whose
   target is ``ignore_index`` (the padding of chapter 7's batches) count for nothing;
4. the gradient of the logits is ``softmax - one_hot(target)`` (zero on ignored rows), still in
   the same buffer; the backward multiplies it into ``dL/dx`` and ``dL/dW`` as the head's own
   backward does, the ``1 / count`` of the mean applied to the small factors, not to the
   103 MB matrix.

Same numbers as ``F.cross_entropy(head(x), targets, ignore_index=...)`` up to float rounding,
forward and gradients. It runs where the head's own fast path does (float32 on x86 CPUs,
outside autocast and ``torch.compile``) and where the head is a ``FastLinear``; anywhere else,
or with ``targets`` that are not 64-bit integers, it is exactly that ``F.cross_entropy``.

Design: ``llmscratch/fast/DESIGN.md``. Book: none of this is in the book; the loss is §5.1.2's
``cross_entropy``. Tests: ``tests/fast/test_fast_loss.py``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from llmscratch.fast.kernels import (
    FastLinear,
    linear_grads,
    linear_in_pieces,
    onednn_applies,
)

# Rows of logits per log-sum-exp pass: 32 x 50,257 floats is 6.4 MB, which stays in a 32 MiB L3
# cache between the passes (maximum, exponentials, their sum, the division).
_LOSS_ROWS = 32


def _fused_usable(x, head, targets):
    """Whether ``head_cross_entropy`` takes the fused path for these inputs."""
    if not isinstance(head, FastLinear):  # LoRA's wrapper, a classifier's plain Linear, ...
        return False
    return (targets.dtype == torch.int64 and targets.device == x.device
            and onednn_applies(x, head.weight, head.bias))


def _check_targets(targets, vocab_size, ignore_index):
    """A clear error for a target id that is neither a token of the vocabulary nor ignored."""
    outside = (targets != ignore_index) & ((targets < 0) | (targets >= vocab_size))
    if outside.any():
        bad = int(targets[outside][0])
        raise ValueError(
            f"a target token id is {bad}, outside the vocabulary (0 to {vocab_size - 1}); "
            f"targets must be token ids of the model's tokenizer, or {ignore_index} "
            "(ignore_index) for positions that should not count")


def _check_shapes(x, targets):
    """A clear error unless ``x`` is ``(rows, features)`` and ``targets`` ``(rows,)``."""
    if x.dim() != 2 or targets.shape != (x.shape[0],):
        raise ValueError(f"head_cross_entropy takes x of shape (rows, features) and targets "
                         f"(rows,), not {tuple(x.shape)} and {tuple(targets.shape)}: flatten "
                         "the batch and token dimensions first (x.flatten(0, 1), "
                         "targets.flatten())")


def _log_sum_exp_rows(logits, softmax_in_place):
    """Each row's log-sum-exp ``(rows,)``, ``_LOSS_ROWS`` rows at a time; with
    ``softmax_in_place`` the rows of ``logits`` become their softmax on the way."""
    log_sum_exp = logits.new_empty(logits.shape[0])
    for start in range(0, logits.shape[0], _LOSS_ROWS):
        part = logits[start:start + _LOSS_ROWS]
        peak = part.amax(1, keepdim=True)
        if softmax_in_place:
            total = part.sub_(peak).exp_().sum(1, keepdim=True)
            part.div_(total)
        else:
            total = (part - peak).exp_().sum(1, keepdim=True)
        log_sum_exp[start:start + _LOSS_ROWS] = (peak + total.log()).squeeze(1)
    return log_sum_exp


def _subtract_targets(probs, targets, counted):
    """Turn the softmax rows ``probs`` into the gradient of the summed loss in place:
    ``softmax - one_hot(target)`` on the counted rows, zero on the ignored ones."""
    where = counted.nonzero().squeeze(1)
    probs.index_put_((where, targets[where]), probs.new_tensor(-1.0), accumulate=True)
    if not bool(counted.all()):
        probs[~counted] = 0.0


class _HeadLossFunction(torch.autograd.Function):
    """Mean cross-entropy of ``x W^T + b`` against ``targets``, the logits kept inside."""

    @staticmethod
    def forward(ctx, x, weight, bias, targets, ignore_index, kept, wants_grad):
        rows, vocab_size = x.shape[0], weight.shape[0]
        logits = (kept[0].take((rows, vocab_size), x) if kept is not None
                  else x.new_empty(rows, vocab_size))
        linear_in_pieces(x, weight, bias, logits)
        counted = targets != ignore_index
        target_logit = logits.gather(1, torch.where(counted, targets, 0).unsqueeze(1)).squeeze(1)
        log_sum_exp = _log_sum_exp_rows(logits, softmax_in_place=wants_grad)
        count = counted.sum()
        loss = torch.where(counted, log_sum_exp - target_logit, 0.0).sum() / count
        if wants_grad:
            _subtract_targets(logits, targets, counted)
            ctx.save_for_backward(x, weight)
            ctx.grad_logits, ctx.count, ctx.has_bias = logits, count, bias is not None
            ctx.kept = kept
        return loss

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad_loss):
        x, weight = ctx.saved_tensors
        grad_logits, scale = ctx.grad_logits, grad_loss / ctx.count
        if grad_logits is None:
            raise RuntimeError(
                "this loss was already backpropagated: GPTModelFast.loss hands its gradient "
                "buffer back after the first backward, so backward(retain_graph=True) cannot "
                "be followed by a second backward through it; compute the loss again, or use "
                "F.cross_entropy(model(inputs).flatten(0, 1), targets.flatten()) for that")
        ctx.grad_logits = None  # the buffer is free for the next step once this returns
        need_x, need_w, need_b = ctx.needs_input_grad[:3]
        # (softmax - one_hot) / count times the loss's gradient: the scale goes on x and on
        # dL/dx (768 values a row), not on the (rows, vocab_size) matrix
        grad_x, grad_w = linear_grads(grad_logits, x * scale if need_w else x, weight,
                                       need_x, need_w, ctx.kept)
        if grad_x is not None:
            grad_x.mul_(scale)
        grad_b = grad_logits.sum(0) * scale if ctx.has_bias and need_b else None
        return grad_x, grad_w, grad_b, None, None, None, None


def head_cross_entropy(x, head, targets, ignore_index=-100):
    """``F.cross_entropy(head(x), targets, ignore_index=ignore_index)`` for ``x`` ``(rows, in)``
    and ``targets`` ``(rows,)``, the mean over the rows whose target is not ``ignore_index``,
    computed without handing out the logits (see the module's text). A target that is neither a
    token id of the head's vocabulary nor ``ignore_index`` raises ``ValueError``."""
    _check_shapes(x, targets)
    if not _fused_usable(x, head, targets):
        return F.cross_entropy(head(x), targets, ignore_index=ignore_index)
    _check_targets(targets, head.weight.shape[0], ignore_index)
    # a Function's forward sees needs_input_grad set even under no_grad: ask here
    wants_grad = torch.is_grad_enabled() and any(
        t is not None and t.requires_grad for t in (x, head.weight, head.bias))
    return _HeadLossFunction.apply(x.contiguous(), head.weight, head.bias, targets,
                                   ignore_index, head.kept_buffers(), wants_grad)
