"""Opt-in speed options for ``GPTModelFast`` (and any model), each off by default.

Each option first checks that this machine can run it well and otherwise raises
``UnsupportedOptionError`` saying why and what to do; ``supported_options(device)`` lists them
all with ``None`` (supported) or the reason:

- ``bf16_autocast(device)``: a ``torch.autocast`` context for bfloat16 training/evaluation,
  where bfloat16 is native;
- ``quantize_for_generation(model, "bf16" | "int8")``: a generation copy with 16- or 8-bit
  Linear weights (``LowPrecisionLinear``), its head rescoring the top logits in float32;
- ``compile_model(model)``: ``torch.compile`` after checking for a compiler;
- ``compile_decoding(model)``: ``GPTModelFast``'s one-token decoding step compiled whole
  (float32 on the CPU);
- ``keep_freed_memory()``: glibc's malloc keeps freed memory, so CPU training stops faulting in
  fresh pages every step.

Why each exists and when it applies: ``llmscratch/fast/DESIGN.md``; what each is worth:
``benchmarks/README.md``. Book: none of this is in the book. Tests: ``tests/fast/``.
"""

from __future__ import annotations

import copy
import ctypes
import platform
import shutil
import sys
import warnings

import torch
import torch.nn.functional as F
from torch import nn


class UnsupportedOptionError(RuntimeError):
    """A speed option was asked for on a device or PyTorch that cannot run it (well)."""



# --- opt-in options: each one checks the platform first ------------------------------------


def _device_type(device):
    if device is None:
        from llmscratch.device import get_device

        device = get_device()
    return torch.device(device).type


def _native_bf16(device_type):
    """None when ``device_type`` computes bfloat16 natively, else the reason it does not."""
    if device_type == "cpu":
        fast = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
        return None if fast else (
            "this CPU has no bfloat16 instructions (AVX512-BF16 or AMX), so bfloat16 would be "
            "emulated and slower than float32")
    if device_type == "cuda":
        if torch.cuda.is_available() and torch.cuda.is_bf16_supported(including_emulation=False):
            return None
        return "this GPU has no native bfloat16 (it needs compute capability 8.0 or newer)"
    if device_type == "mps":
        try:
            ones = torch.ones(2, 2, dtype=torch.bfloat16, device="mps")
            return None if (ones @ ones).sum().item() == 8 else "MPS got a bfloat16 matmul wrong"
        except (RuntimeError, TypeError) as err:
            return f"MPS refused a bfloat16 matmul ({err}); it needs macOS 14 or newer"
    return f"bfloat16 is not supported on device type {device_type!r} here"


def _weights_check(kind):
    """A check(device_type) for ``kind`` weights: run a LowPrecisionLinear and check its answer."""

    def check(device_type):
        reason = _native_bf16(device_type) if kind == "bf16" else None
        if reason is not None:
            return reason
        try:
            linear = nn.Linear(32, 8).to(device_type)
            nn.init.constant_(linear.weight, 0.5), nn.init.zeros_(linear.bias)
            got = LowPrecisionLinear(linear, kind)(torch.ones(2, 32, device=device_type)).cpu()
            if torch.allclose(got, torch.full((2, 8), 16.0), rtol=0.02):  # 32 x 0.5 per row
                return None
            return f"the {kind} weight kernels give wrong results on {device_type!r}"
        except (RuntimeError, NotImplementedError) as err:
            return f"the {kind} weight kernels do not run on {device_type!r} ({str(err)[:100]})"

    return check


def _compiler(device_type):
    """None when ``torch.compile`` can generate code for ``device_type``, else why not."""
    import torch._dynamo

    if not torch._dynamo.is_dynamo_supported():
        return f"torch.compile does not support this Python/PyTorch ({torch.__version__})"
    if device_type == "cpu":
        if not any(shutil.which(c) for c in ("c++", "g++", "clang++", "cl")):
            return "torch.compile on the CPU needs a C++ compiler (install g++ or clang)"
        return None
    if device_type == "cuda":
        from torch.utils._triton import has_triton

        return None if has_triton() else "torch.compile on CUDA needs Triton (pip install triton)"
    return f"torch.compile is not supported on {device_type!r} by this project"


def _glibc_malloc(device_type):
    """None when ``keep_freed_memory`` can work for ``device_type``, else why not."""
    if device_type != "cpu":
        return (f"keeping freed memory is for CPU work; on {device_type!r} PyTorch's own caching "
                "allocator already reuses memory")
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return ("it tunes glibc's malloc, which only Linux uses (macOS and Windows have their "
                "own allocators)")
    return None


_CHECKS = {
    "bf16_autocast": _native_bf16,
    "bf16_weights": _weights_check("bf16"),
    "int8_weights": _weights_check("int8"),
    "compile": _compiler,
    "keep_freed_memory": _glibc_malloc,
}


def supported_options(device=None):
    """Which speed options this machine supports: ``{option: None or the reason it is not}``.

    Options: ``bf16_autocast``, ``bf16_weights``, ``int8_weights``, ``compile``,
    ``keep_freed_memory``. On a Linux laptop CPU without AVX512-BF16 this gives e.g.
    ``{"bf16_autocast": "this CPU has no bfloat16 instructions ...", ..., "int8_weights": None,
    "compile": None, "keep_freed_memory": None}``. Each option also checks itself when turned
    on, so call this to list them, not before turning one on.
    """
    device_type = _device_type(device)
    return {name: check(device_type) for name, check in _CHECKS.items()}


def _require(option, device_type):
    reason = _CHECKS[option](device_type)
    if reason is not None:
        raise UnsupportedOptionError(f"cannot turn on {option} on {device_type}: {reason}. "
                                     "Leave the option off: float32 gives the same model.")


_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4  # mallopt() parameter numbers from glibc's malloc.h


def keep_freed_memory(device=None):
    """Make this process keep the memory it frees for reuse (glibc's malloc on Linux).

    PyTorch's CPU tensors come from ``malloc``. By default glibc serves each large block (over
    32 MiB at most) with a fresh ``mmap`` and hands it back to the kernel on ``free``, so a
    training step that makes gigabytes of activations and gradients touches new pages every
    time, one page fault per 4 KiB. After this call ``malloc`` takes blocks from its heap and keeps
    freed ones; the heap grows over the first steps (a few to a few dozen, depending on how
    freed blocks fit new requests), then the same pages are reused step after step. The price:
    the process does not shrink after a peak. It is process-wide and cannot be undone; call it
    once, before training. Off by default. (Preloading ``jemalloc`` or ``tcmalloc`` with
    ``LD_PRELOAD`` is another way to reuse freed memory; not measured.) Raises
    ``UnsupportedOptionError`` on macOS, Windows, non-glibc Linux and for GPU devices.
    """
    device_type = _device_type(device)
    _require("keep_freed_memory", device_type)
    libc = ctypes.CDLL(None)
    done = libc.mallopt(_M_MMAP_MAX, 0) and libc.mallopt(_M_TRIM_THRESHOLD, 2**31 - 1)
    if not done:
        raise UnsupportedOptionError("glibc refused the malloc settings (mallopt returned 0); "
                                     "leave the option off")


def bf16_autocast(device=None):
    """A ``torch.autocast`` context computing matrix products in bfloat16 on ``device``.

    Use it around forward and loss (``with bf16_autocast("cuda"): loss = calc_loss_batch(...)``;
    the backward pass follows it). Weights and optimizer stay float32, so losses differ from
    float32 by bfloat16 rounding (about 3 significant digits), not more. Raises
    ``UnsupportedOptionError`` where bfloat16 is not native (it would be slower than float32).
    """
    device_type = _device_type(device)
    _require("bf16_autocast", device_type)
    return torch.autocast(device_type=device_type, dtype=torch.bfloat16)


class LowPrecisionLinear(nn.Module):
    """An inference-only copy of an ``nn.Linear`` whose weight is stored in bfloat16 or int8.

    Shapes as ``nn.Linear``: ``(..., in_features) -> (..., out_features)``, in the input's dtype.
    ``"bf16"`` rounds each weight to bfloat16 (2 bytes). ``"int8"`` stores ``round(w / scale)``
    in -127..127 with one float32 scale per output row, ``scale = max|row| / 127`` (1 byte per
    weight): the row ``[0.5, -0.25, 0.01]`` becomes ``[127, -64, 3]`` with scale ``0.5 / 127``,
    that is ``[0.5, -0.252, 0.0118]``. On the CPU the product runs in a packed kernel when
    PyTorch has one (int8: fbgemm's dynamic linear, which also rounds each input to 8 bits with
    one scale per call; bf16: oneDNN); elsewhere in ``_weight_int8pack_mm`` / ``F.linear``.

    ``rescore_top=k`` (for an output head) keeps a float32 copy of the weight and, for each
    row, recomputes the ``k`` largest outputs exactly from it (``k`` weight rows read, not all):
    the highest-scoring tokens, the ones greedy decoding and top-k sampling choose from, then
    carry float32 logits. Without it the bf16 kernel hands back logits rounded to bfloat16
    (about 3 significant digits), which flips near-ties between the top two tokens.
    """

    def __init__(self, linear, kind, rescore_top=0):
        super().__init__()
        if kind not in ("bf16", "int8"):
            raise ValueError(f"kind must be 'bf16' or 'int8', got {kind!r}")
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.kind = kind
        weight = linear.weight.detach().float().contiguous()
        self.register_buffer("bias", None if linear.bias is None else linear.bias.detach().float())
        self.rescore_top = min(int(rescore_top), self.out_features)
        # the float32 rows that rescoring reads; not saved with the state_dict
        self.register_buffer("weight_float32", weight if self.rescore_top else None,
                             persistent=False)
        if kind == "int8":
            amax = weight.abs().amax(dim=1)
            scales = torch.where(amax > 0, amax / 127, torch.ones_like(amax))
            self.register_buffer("scales", scales)
            self.register_buffer("weight", torch.round(weight / scales[:, None]).to(torch.int8))
        else:
            self.register_buffer("weight", weight.to(torch.bfloat16))
        self._kernel = self._cpu_kernel() if weight.device.type == "cpu" else None

    def _cpu_kernel(self):
        """A function ``(rows, in) -> (rows, out)`` on a packed weight, or None if unavailable."""
        try:
            with warnings.catch_warnings():  # PyTorch marks quantized tensors as deprecated
                warnings.simplefilter("ignore")
                if self.kind == "int8":
                    zeros = torch.zeros(self.out_features, dtype=torch.long)
                    q = torch.quantize_per_channel(self.weight.float() * self.scales[:, None],
                                                   self.scales.double(), zeros, 0, torch.qint8)
                    packed = torch.ops.quantized.linear_prepack(q, self.bias)
                    reduce = not torch.cpu._is_vnni_supported()  # 7-bit inputs without VNNI
                    kernel = lambda x: torch.ops.quantized.linear_dynamic(x, packed, reduce)  # noqa: E731
                else:
                    packed = torch.ops.mkldnn._reorder_linear_weight(self.weight, 1)
                    bias = None if self.bias is None else self.bias.to(torch.bfloat16)
                    kernel = lambda x: torch.ops.mkldnn._linear_pointwise(  # noqa: E731
                        x.to(torch.bfloat16), packed, bias, "none", [], "")
                probe = torch.ones(1, self.in_features)
                torch.testing.assert_close(kernel(probe).float(), self._plain(probe),
                                           rtol=0.05, atol=0.05)
            return kernel
        except (RuntimeError, AttributeError, AssertionError, NotImplementedError):
            return None

    def _plain(self, flat):
        if self.kind == "int8":
            out = torch.ops.aten._weight_int8pack_mm(flat.float(), self.weight, self.scales)
            return out if self.bias is None else out + self.bias
        bias = None if self.bias is None else self.bias.to(torch.bfloat16)
        return F.linear(flat.to(torch.bfloat16), self.weight, bias).float()

    def forward(self, x):
        flat = x.reshape(-1, self.in_features).float()  # the kernels want 2-D rows
        use_kernel = self._kernel is not None and flat.device.type == "cpu"
        out = (self._kernel(flat) if use_kernel else self._plain(flat)).float()
        if self.rescore_top:
            top = out.topk(self.rescore_top, dim=-1).indices  # (rows, k)
            exact = (self.weight_float32[top] @ flat.unsqueeze(-1)).squeeze(-1)  # (rows, k)
            if self.bias is not None:
                exact = exact + self.bias[top]
            out = out.scatter(-1, top, exact)
        return out.to(x.dtype).view(*x.shape[:-1], self.out_features)

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, {self.kind}"


def quantize_for_generation(model, weights="int8", rescore_top=8):
    """A copy of ``model`` for generation, with every ``nn.Linear`` stored in ``weights``.

    ``weights``: ``"bf16"`` (half the bytes of float32) or ``"int8"`` (a quarter). Embeddings,
    norms, activations and the key/value cache stay float32; the logits come out float32.
    Decoding one token reads every weight once, so on a memory-bound CPU fewer bytes give more
    tokens per second. The copy is in eval mode and cannot be trained (weights are buffers);
    the original model is untouched. Quality: compare losses and greedy tokens with the float32
    model (``benchmarks/compare_peers.py`` does). Raises ``UnsupportedOptionError`` where the
    kernel is missing or (bf16) not native.

    ``rescore_top`` (default 8; 0 turns it off): the output head recomputes each position's
    ``rescore_top`` highest logits in float32 (see ``LowPrecisionLinear``), so greedy choices
    between near-tied tokens follow the float32 model; it keeps a float32 copy of the head in
    memory but reads only those rows of it per token.

    >>> small = quantize_for_generation(to_fast_model(model), "int8")
    >>> generate_text_simple_cached(small, idx, max_new_tokens=50)
    """
    if weights not in ("bf16", "int8"):
        raise ValueError(f"weights must be 'bf16' or 'int8', got {weights!r}")
    _require(f"{weights}_weights", model.out_head.weight.device.type)
    quantized = copy.deepcopy(model).eval()
    for module in list(quantized.modules()):
        for name, child in module.named_children():
            if isinstance(child, nn.Linear):  # nn.Linear and FastLinear
                top = rescore_top if child is quantized.out_head else 0
                setattr(module, name, LowPrecisionLinear(child, weights, rescore_top=top))
    return quantized


def compile_model(model, device=None, **compile_kwargs):
    """``torch.compile(model, **compile_kwargs)`` after checking that it can run here.

    Compiling takes from tens of seconds (small models) to minutes, then each training step
    runs as generated kernels that fuse the elementwise work. Best for training at a fixed
    shape; generation with the KV cache changes shapes every step and recompiles. Raises
    ``UnsupportedOptionError`` without a C++ compiler (CPU) or Triton (CUDA), and on MPS.
    """
    device_type = _device_type(device if device is not None else next(model.parameters()).device)
    _require("compile", device_type)
    return torch.compile(model, **compile_kwargs)


def compile_decoding(model, max_autotune=True, compile_now=False):
    """Make ``GPTModelFast`` decode each token after the prompt with one compiled step.

    ``torch.compile`` (inductor, with ``freezing`` and its C++ wrapper) turns the whole
    one-token step, every block and the head, into generated C++ that calls no Python between
    its matrix products; with ``max_autotune`` it also picks, per weight shape, its own C++
    matrix kernel where that is faster than PyTorch's. ``generate_text_simple_cached`` and the
    other generators then use it by themselves; the tokens are those of plain generation up to
    float rounding (the same in the tests and benchmarks). Returns ``model``.

    The price: the first two generated tokens compile, minutes at GPT-2 124M (an inductor
    cache in the temporary folder shortens later runs); the generated code holds its own copy
    of the weights, so resident memory grows by more than the model's size; and it cannot
    follow changes to the weights: at the first step of every sequence the
    model looks whether they changed (training, loading, ``.to()``) and if so warns once and
    decodes uncompiled until this is called again. Off by default; measured in
    ``benchmarks/README.md``. With ``compile_now`` both compiles happen in this call (three
    tokens are generated from a one-token prompt and forgotten, the KV cache emptied), so
    that the first generation, and its timing, starts with the compiled step ready.

    Raises ``UnsupportedOptionError`` without a C++ compiler, for a model not on the CPU or
    not float32 (measured only there), and for layers replaced by LoRA or low-precision
    copies; ``TypeError`` for a model that is not a ``GPTModelFast``.
    """
    from llmscratch.fast.decode import CompiledDecoding
    from llmscratch.fast.model import GPTModelFast

    if not isinstance(model, GPTModelFast):
        raise TypeError(f"compile_decoding needs a GPTModelFast, got {type(model).__name__}; "
                        "convert it with to_fast_model(model)")
    layers = [model.out_head] + [layer for block in model.trf_blocks for layer in (
        block.att.W_query, block.att.W_key, block.att.W_value, block.att.out_proj,
        block.ff.layers[0], block.ff.layers[2])]
    odd = sorted({type(layer).__name__ for layer in layers if not isinstance(layer, nn.Linear)})
    if odd:
        raise UnsupportedOptionError(
            f"compiled decoding computes plain Linear layers; this model has {', '.join(odd)} "
            "(LoRA or low-precision copies): merge or drop them first, or decode uncompiled")
    weight = model.tok_emb.weight  # never replaced by LoRA or low-precision copies
    _require("compile", weight.device.type)
    if weight.device.type != "cpu" or weight.dtype != torch.float32:
        raise UnsupportedOptionError(
            f"compiled decoding is built and measured for float32 models on the CPU; this one "
            f"is {weight.dtype} on {weight.device.type} (use compile_model there instead)")
    model._compiled_decoding = CompiledDecoding(model, max_autotune)
    if compile_now:
        from llmscratch.generation import generate_text_simple_cached

        training, prompt = model.training, torch.zeros((1, 1), dtype=torch.long,
                                                       device=weight.device)
        try:
            with torch.no_grad():  # the decoding step runs in eval mode without gradients only
                generate_text_simple_cached(model.eval(), prompt, 3)
        finally:
            model.train(training)
    return model
