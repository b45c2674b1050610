"""The matrix products of ``GPTModelFast``: ``fast_linear`` / ``FastLinear``, computing what
``F.linear`` computes (up to float rounding) and stepping aside for it wherever it does not apply.

- ``fast_linear(x, weight, bias)`` / ``FastLinear``: ``F.linear`` by oneDNN for float32 on x86
  CPUs, with its own backward whose ``dL/dx`` and ``dL/dW`` kernels are measured once per
  process (``grad_by_onednn``); one row without gradients (decoding) by the kernel measured to
  read weights fastest here (``row_kernel``: per-thread blocks, oneDNN or PyTorch's BLAS);
  wide products (the output head) in pieces of 4,096 outputs. Elsewhere (ARM and Apple CPUs,
  GPUs, autocast, ``torch.compile``) plain ``F.linear``.
- ``KeptBuffer`` / ``KeepsBuffers``: the large output and gradient buffers a layer keeps
  between training steps on the CPU (the head here, the embeddings in ``llmscratch.fast.layers``).
- ``layer_norm(x, norm)``: the book's ``LayerNorm`` as one ``F.layer_norm``; the one-row helpers
  of the decoding step (``matvec_parts``, ``matvec_in_parts``, ``broadcast_column``).

The dropout and embedding layers, and ``use_fast_kernels`` that swaps all of them in, are in
``llmscratch.fast.layers``. About 430 lines, a little over our 400-line guide, because the
products' kernels, the probes that choose between them and the buffers they fill belong
together. When each kernel is chosen, and why: ``llmscratch/fast/DESIGN.md``. Tests:
``tests/fast/``.
"""

from __future__ import annotations

import platform
import time

import torch
import torch.nn.functional as F
from torch import nn

# --- oneDNN's linear -----------------------------------------------------------------------------


def onednn_linear(x, weight, bias=None):
    """``F.linear`` computed by oneDNN (``torch.ops.mkldnn._linear_pointwise``), no autograd."""
    return torch.ops.mkldnn._linear_pointwise(x, weight, bias, "none", [], "")


_ONEDNN_OK = None  # None: not decided yet; then True/False for this process


def _onednn_matches_f_linear():
    """Whether oneDNN's float32 linear runs here and gives ``F.linear``'s numbers."""
    try:
        gen = torch.Generator().manual_seed(0)
        shapes = ((3, 2, 40), (24, 40), (24,))
        x, w, b = (torch.randn(*shape, generator=gen) for shape in shapes)
        torch.testing.assert_close(onednn_linear(x, w, b), F.linear(x, w, b),
                                   rtol=1e-4, atol=1e-5)
        return torch.backends.mkldnn.is_available()
    except (AttributeError, RuntimeError, AssertionError, NotImplementedError):
        return False


def onednn_usable():
    """Whether to use oneDNN's float32 linear: on x86 CPUs (where it was measured faster), when
    it runs and gives ``F.linear``'s numbers (decided once). On ARM (Apple's CPUs among them)
    PyTorch's own BLAS is left in charge, unprobed."""
    global _ONEDNN_OK
    if _ONEDNN_OK is None:
        x86 = platform.machine().lower() in ("x86_64", "amd64")
        _ONEDNN_OK = x86 and _onednn_matches_f_linear()
    return _ONEDNN_OK


# Which kernel computes each backward product, measured once per process: the product's name
# ("dL/dx" or "dL/dW") -> True for oneDNN, False for torch.mm. Missing: not measured yet.
_GRAD_BY_ONEDNN = {}

# Without a clear (10%) difference each product keeps the kernel that won it on the first
# build machine: oneDNN for dL/dx, torch.mm for dL/dW.
_GRAD_DEFAULT_ONEDNN = {"dL/dx": True, "dL/dW": False}


def _best_times(fns, rounds=5):
    """The best wall time of each function in ``fns``, timed in turns (a, b, a, b, ...).

    Timed in turns, a busy moment on a shared machine slows every candidate, not only the one
    that happened to run then (timed one after the other, a probe can pick the slower kernel).
    Each function runs once untimed first: first calls pay for allocation and kernel
    selection."""
    for fn in fns:
        fn()
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


# The weight shapes (out, in) of a GPT-2 block the gradient probes time, at 512 rows (context
# 256, batch 2): attention's output (E x E), the feed-forward layers' (4E x E and E x 4E).
_GRAD_PROBE_SHAPES = ((768, 768), (3072, 768), (768, 3072))
_GRAD_PROBE_ROWS = 512


def _clearly_faster_or(default, times):
    """The index of the candidate to use, given each one's ``times``: ``default`` unless another
    is at least 10% faster, then the fastest. Timings on a shared machine wobble by a few
    percent; a near tie keeps the default."""
    best = min(range(len(times)), key=times.__getitem__)
    return best if times[best] < 0.9 * times[default] else default


def grad_by_onednn(product):
    """Whether oneDNN rather than ``torch.mm`` computes ``product`` of the backward pass on
    this CPU: ``"dL/dx"`` (``dL/dy W``) or ``"dL/dW"`` (``(dL/dy)^T x``).

    Measured once per process and product, over the products of one GPT-2 block's three
    weight shapes at 512 rows (``_GRAD_PROBE_SHAPES``), three rounds of both kernels in turns
    (``_best_times``), because the answer depends on the CPU and, on some, on the shape (a
    probe of one shape alone can pick the kernel that is slower for another). Both kernels
    give the same numbers up to float rounding, so either choice is correct; the default
    (``_GRAD_DEFAULT_ONEDNN``: oneDNN for ``dL/dx``, ``torch.mm`` for ``dL/dW``) is left only
    for one clearly (10%) faster.
    """
    if product not in _GRAD_BY_ONEDNN:
        gen = torch.Generator().manual_seed(0)
        pairs = []  # (dL/dy, the weight or the layer's input) for each probe shape
        for out_f, in_f in _GRAD_PROBE_SHAPES:
            grad = torch.randn(_GRAD_PROBE_ROWS, out_f, generator=gen)
            other = (torch.randn(_GRAD_PROBE_ROWS, in_f, generator=gen) if product == "dL/dW"
                     else torch.randn(out_f, in_f, generator=gen))
            pairs.append((grad, other))
        if product == "dL/dW":
            kernels = [lambda: [g.t() @ x for g, x in pairs],
                       lambda: [onednn_linear(g.t(), x.t()) for g, x in pairs]]
        else:
            kernels = [lambda: [g @ w for g, w in pairs],
                       lambda: [onednn_linear(g, w.t()) for g, w in pairs]]
        with torch.no_grad():
            times = _best_times(kernels, rounds=3)  # torch.mm's, oneDNN's
        default = int(_GRAD_DEFAULT_ONEDNN[product])
        _GRAD_BY_ONEDNN[product] = _clearly_faster_or(default, times) == 1
    return _GRAD_BY_ONEDNN[product]


# The kernel for one row times a weight matrix without gradients (every product of a decoding
# step), measured once per process (``row_kernel``): "blocks" (``matvec_in_parts``), "onednn"
# or "blas" (``F.linear``: PyTorch's BLAS, MKL on x86). None: not measured yet.
_ROW_KERNEL = None

# 14 weights of 3072 x 768 (132 MB, more than the caches hold) read by each kernel in the probe.
_ROW_PROBE_WEIGHTS = (14, 3072, 768)


def row_kernel():
    """Which kernel multiplies one row by a weight matrix here (decoding), decided once.

    Decoding is bound by reading the weights, and which kernel reads them fastest depends on
    the CPU: one block of rows per thread in one ``bmm`` (``"blocks"``), oneDNN's product or
    PyTorch's BLAS (``"blas"``, ``F.linear``). The candidates (the blocks only with two or more
    threads) each read 132 MB of feed-forward-shaped weights, three rounds in turns
    (``_best_times``), and the first candidate (the blocks, or oneDNN with one thread) is left
    only for one at least 10% faster (``_clearly_faster_or``). All give ``F.linear``'s numbers
    up to float rounding.
    """
    global _ROW_KERNEL
    if _ROW_KERNEL is None:
        threads = torch.get_num_threads()
        count, out_f, in_f = _ROW_PROBE_WEIGHTS
        weights = [torch.full((out_f, in_f), 0.5) for _ in range(count)]
        x = torch.full((1, in_f), 0.5)
        kernels = {"blocks": lambda: [matvec_in_parts(x, w, None, threads) for w in weights],
                   "onednn": lambda: [onednn_linear(x, w) for w in weights],
                   "blas": lambda: [F.linear(x, w) for w in weights]}
        names = (["blocks"] if threads > 1 else []) + ["onednn", "blas"]
        with torch.no_grad():
            times = _best_times([kernels[name] for name in names], rounds=3)
        _ROW_KERNEL = names[_clearly_faster_or(0, times)]
    return _ROW_KERNEL


# --- memory a layer keeps between steps ----------------------------------------------------------


def _storage_users(t):
    """How many tensors (and storage objects) share ``t``'s memory, or None where this
    PyTorch does not tell."""
    count = getattr(torch._C, "_storage_Use_Count", None)
    return None if count is None else count(t.untyped_storage()._cdata)


class KeptBuffer:
    """One large buffer (a gradient or an output) that a layer fills again at every step.

    On the CPU a tensor of more than 32 MiB is fresh memory from the kernel each time it is
    made, one page fault per 4 KiB to fill it: the 154 MB gradient of GPT-2's token table is
    about 37,700 faults a step. A layer that keeps such a buffer hands out a
    tensor over its memory (``take``), which autograd takes as ``weight.grad`` without a copy,
    or which the caller gets as the output. The buffer is handed out again only while no other
    tensor shares it (``zero_grad`` dropped the gradient, the caller dropped the output);
    otherwise ``take`` makes a new tensor, as PyTorch would, so a tensor somebody kept never
    changes. The price: the layer holds the buffer between steps while it lives
    (``GPTModelFast.release_kept_memory()`` lets go of it).
    """

    def __init__(self):
        self.buffer, self.idle_users = None, None

    def take(self, shape, like, zero=False):
        """A ``shape`` tensor of ``like``'s dtype and device (zeros when ``zero``)."""
        buffer = self.buffer
        fits = (buffer is not None and buffer.shape == shape and buffer.dtype == like.dtype
                and buffer.device == like.device)
        if fits and _storage_users(buffer) != self.idle_users:  # still someone's tensor
            return like.new_zeros(shape) if zero else like.new_empty(shape)
        if not fits:
            buffer = self.buffer = like.new_empty(shape)
            self.idle_users = _storage_users(buffer)
            if self.idle_users is None:  # cannot tell when it is free again: do not keep it
                self.buffer = None
        # a tensor of its own over the buffer's memory (not a view, which autograd would track)
        taken = like.new_empty(0).set_(buffer.untyped_storage(), 0, shape)
        return taken.zero_() if zero else taken


class KeepsBuffers:
    """Mixin of the layers that keep ``KeptBuffer`` objects between steps (in ``self._kept``):
    copies and pickles do not carry them, and ``release_kept_buffers()`` lets go of them."""

    _kept = None

    def release_kept_buffers(self):
        self._kept = None

    def __getstate__(self):
        return {**super().__getstate__(), "_kept": None}


# --- wide products in pieces ---------------------------------------------------------------------

_PIECE_ROWS = 4096  # output features per piece of a wide product (GPT-2's 50,257-wide head)


def _wide(weight):
    """Whether a product with this weight runs in pieces of ``_PIECE_ROWS`` output features."""
    return weight.shape[0] >= 2 * _PIECE_ROWS


def linear_in_pieces(rows, weight, bias, out):
    """``F.linear(rows, weight, bias)`` for ``(n, in)`` rows, written into ``out`` ``(n, out_f)``
    ``_PIECE_ROWS`` output features at a time, so that a piece of the weight (4,096 x 768
    floats, 12.6 MB) stays in the L3 cache while it is used.
    """
    for start in range(0, weight.shape[0], _PIECE_ROWS):
        part = slice(start, start + _PIECE_ROWS)
        out[:, part] = onednn_linear(rows, weight[part], None if bias is None else bias[part])
    return out


def _weight_grad_in_pieces(rows, x_rows, out):
    """``dL/dW = rows^T x_rows`` (``(out_f, in)``) written into ``out`` in pieces of output
    features, each piece of ``rows^T`` made contiguous first (oneDNN would copy the whole
    transposed ``(out_f, n)`` matrix otherwise, 103 MB for GPT-2's head). Where ``torch.mm``
    is the faster ``dL/dW`` kernel (``grad_by_onednn``), one ``torch.mm`` into ``out``."""
    if not grad_by_onednn("dL/dW"):
        return torch.mm(rows.t(), x_rows, out=out)
    x_t = x_rows.t()
    for start in range(0, out.shape[0], _PIECE_ROWS):
        part = slice(start, start + _PIECE_ROWS)
        out[part] = onednn_linear(rows[:, part].t().contiguous(), x_t)
    return out


def _wide_linear(x, weight, bias, kept):
    """``F.linear`` of a wide product by ``linear_in_pieces``, into a kept output buffer."""
    shape = (*x.shape[:-1], weight.shape[0])
    out = kept[0].take(shape, x) if kept is not None else x.new_empty(shape)
    linear_in_pieces(x.reshape(-1, x.shape[-1]), weight, bias, out.view(-1, weight.shape[0]))
    return out


class _OneDNNLinearFunction(torch.autograd.Function):
    """``y = x W^T + b`` with oneDNN for ``y``; ``dL/dx`` and ``dL/dW`` each with whichever of
    ``torch.mm`` and oneDNN ``grad_by_onednn`` measured faster on this CPU. Wide
    products (the output head) run in pieces (``linear_in_pieces``,
    ``_weight_grad_in_pieces``), their output and ``dL/dW`` in buffers the layer keeps
    (``kept``: two ``KeptBuffer``, or None for new memory).
    """

    @staticmethod
    def forward(ctx, x, weight, bias, kept):
        ctx.save_for_backward(x, weight)
        ctx.has_bias, ctx.kept = bias is not None, kept
        if _wide(weight):
            return _wide_linear(x, weight, bias, kept)
        return onednn_linear(x, weight, bias)

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, grad_out):
        x, weight = ctx.saved_tensors
        rows = grad_out.contiguous().reshape(-1, grad_out.shape[-1])
        grad_x, grad_w = linear_grads(rows, x.reshape(-1, x.shape[-1]), weight,
                                       ctx.needs_input_grad[0], ctx.needs_input_grad[1], ctx.kept)
        if grad_x is not None:
            grad_x = grad_x.view(*grad_out.shape[:-1], weight.shape[1])
        grad_b = rows.sum(0) if ctx.has_bias and ctx.needs_input_grad[2] else None
        return grad_x, grad_w, grad_b, None


def linear_grads(rows, x_rows, weight, need_x, need_w, kept):
    """``(dL/dx, dL/dW)`` of ``y = x W^T + b`` from ``dL/dy`` as ``rows`` ``(n, out)`` and the
    input as ``x_rows`` ``(n, in)``, each by the kernel ``grad_by_onednn`` picked (None where
    not ``need_x`` / ``need_w``); a wide weight's ``dL/dW`` in pieces, into ``kept[1]`` when
    ``kept`` (a layer's two ``KeptBuffer``) is given. Shared by ``_OneDNNLinearFunction`` and
    the fused head and loss of ``llmscratch.fast.loss``."""
    grad_x = grad_w = None
    if need_x:  # (n, out) @ (out, in): weight.t() is the (in, out) view oneDNN multiplies by
        grad_x = onednn_linear(rows, weight.t()) if grad_by_onednn("dL/dx") else rows @ weight
    if need_w:  # (out, n) @ (n, in)
        if _wide(weight):
            out = kept[1].take(weight.shape, weight) if kept else torch.empty_like(weight)
            grad_w = _weight_grad_in_pieces(rows, x_rows, out)
        elif grad_by_onednn("dL/dW"):  # its "weight" is the (in, n) view x_rows.t()
            grad_w = onednn_linear(rows.t(), x_rows.t())
        else:
            grad_w = rows.t() @ x_rows
    return grad_x, grad_w


def layer_norm(x, norm):
    """The book's ``LayerNorm`` (biased variance, eps inside the root) as one fused kernel."""
    return F.layer_norm(x, norm.scale.shape, norm.scale, norm.shift, norm.eps)


def broadcast_column(x, parts):
    """The one row ``x`` (``in_f`` values) as a ``(parts, in_f, 1)`` column seen by every block,
    strides ``(0, 1, in_f)``: with the stride of the size-1 dimension at 1 instead, or given as
    a contiguous copy, PyTorch's ``bmm`` takes a path several times slower."""
    in_f = x.shape[-1]
    if not x.is_contiguous():
        x = x.contiguous()
    return x.as_strided((parts, in_f, 1), (0, 1, in_f))


def matvec_parts():
    """How many pieces a one-row product is cut into: one per thread (none with one thread)."""
    threads = torch.get_num_threads()
    return threads if threads > 1 else 0


def matvec_in_parts(x, weight, bias, parts):
    """``F.linear`` of a single row ``x`` as ``parts`` matrix-vector products in one ``bmm``.

    Decoding one token multiplies one row by each weight matrix, and the time goes into
    reading the matrix. A ``bmm`` over ``parts`` blocks of rows gives each thread its own block
    to stream; on some CPUs it reads close to the memory's bandwidth where the library
    products do not (``row_kernel`` decides per CPU). The vector goes to ``bmm`` as a
    broadcast column (``broadcast_column``, whose layout decides which path PyTorch takes).
    That speed depends on how PyTorch runs ``bmm``; the numbers are ``F.linear``'s whatever
    path it takes. Rows left over when ``parts`` does not divide the output size (GPT-2's
    50,257-wide head) get one more small ``torch.mm``, written into the same output.
    """
    out_f, in_f = weight.shape
    rows = out_f - out_f % parts
    column = broadcast_column(x, parts)
    y = x.new_empty(1, out_f)
    torch.bmm(weight[:rows].view(parts, rows // parts, in_f), column,
              out=y[:, :rows].view(parts, rows // parts, 1))
    if rows < out_f:
        # column[0].t() is x as one contiguous (1, in_f) row, the copy already made above
        torch.mm(column[0].t(), weight[rows:].t(), out=y[:, rows:])
    if bias is not None:
        y.add_(bias)
    return y.view(*x.shape[:-1], out_f)


def fast_linear(x, weight, bias=None):
    """``F.linear(x, weight, bias)``, computed by oneDNN where that is faster.

    Shapes as ``F.linear``: ``(..., in)`` with weight ``(out, in)`` gives ``(..., out)``; the
    numbers equal ``F.linear``'s up to float rounding (another summation order). oneDNN is used
    for float32 on x86 CPUs outside autocast and ``torch.compile`` (which pick their own
    kernels); everywhere else this is ``F.linear``. A single row without gradients (decoding
    one token) takes the kernel measured fastest here for that (``row_kernel``): one block of
    rows per thread (``matvec_in_parts``), oneDNN or ``F.linear``; and a wide product (8,192
    outputs or more: the output head) runs in pieces of 4,096 outputs (``linear_in_pieces``).
    """
    return _fast_linear(x, weight, bias, None)


def onednn_applies(x, weight, bias):
    """Whether ``x W^T + b`` goes to oneDNN here: float32 on an x86 CPU where oneDNN gives
    ``F.linear``'s numbers, outside autocast and ``torch.compile`` (which pick their own
    kernels). Shared by ``fast_linear`` and the fused head and loss of ``llmscratch.fast.loss``."""
    return (x.device.type == "cpu" and x.dtype == weight.dtype == torch.float32
            and (bias is None or bias.dtype == torch.float32)
            and not torch.is_autocast_enabled("cpu") and not torch.compiler.is_compiling()
            and onednn_usable())


def _fast_linear(x, weight, bias, kept):
    """``fast_linear``; ``kept``: a layer's two ``KeptBuffer`` for a wide product, or None."""
    if onednn_applies(x, weight, bias):
        if torch.is_grad_enabled() and (x.requires_grad or weight.requires_grad
                                        or (bias is not None and bias.requires_grad)):
            return _OneDNNLinearFunction.apply(x, weight, bias, kept)
        if x.numel() == weight.shape[1]:  # one row without gradients: decoding
            kernel = row_kernel()
            if kernel == "blas":
                return F.linear(x, weight, bias)
            if kernel == "blocks" and weight.is_contiguous() and (parts := matvec_parts()):
                return matvec_in_parts(x, weight, bias, parts)
        if _wide(weight):
            return _wide_linear(x, weight, bias, kept)
        return onednn_linear(x, weight, bias)
    return F.linear(x, weight, bias)


class FastLinear(KeepsBuffers, nn.Linear):
    """``nn.Linear`` (same parameters, same ``state_dict``) whose product is ``fast_linear``.

    A wide layer (the output head) keeps its output and weight-gradient buffers between steps
    (``KeptBuffer``); copies and pickles do not carry them."""

    def forward(self, x):
        return _fast_linear(x, self.weight, self.bias, self.kept_buffers())

    def kept_buffers(self):
        """The (output, ``dL/dW``) ``KeptBuffer`` pair of a wide layer; None for others."""
        if not _wide(self.weight):
            return None
        if self._kept is None:
            self._kept = (KeptBuffer(), KeptBuffer())
        return self._kept
