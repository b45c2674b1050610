"""Performance: the same GPT model, computed faster, plus opt-in speed options.

Chapters 4 and 5 build ``GPTModel`` the way the book writes it, one readable operation at a
time. This module keeps that model's constructor, ``state_dict`` keys and numbers, and only
changes how the work is done:

- ``GPTModelFast(cfg)``: the same layers created in the same order (so ``torch.manual_seed(123)``
  gives the same initial weights), the same ``forward(in_idx, use_cache=False)`` and
  ``reset_kv_cache()``. Inside: one fused query/key/value matrix product while training (built
  from the three weights, which stay separate parameters), ``F.scaled_dot_product_attention``
  (also with dropout), PyTorch's fused ``F.layer_norm`` and ``F.gelu(approximate="tanh")``
  (the book's formulas, up to float rounding), a key/value cache allocated once per sequence
  and filled in place instead of grown by ``torch.cat``, and (on the CPU, in eval mode) Linear
  weights stored input-major, which one-token products read faster.
- ``to_fast_model(model)``: a ``GPTModelFast`` holding a ``GPTModel``'s weights.
- Options, all off by default, each refusing to turn on (``UnsupportedOptionError``, with what to
  do instead) where the hardware or this PyTorch cannot do it well:
  ``bf16_autocast(device)`` for training and evaluation in bfloat16 autocast;
  ``quantize_for_generation(model, "bf16" | "int8")`` for a copy whose Linear weights are stored
  in 16 or 8 bits (decoding reads every weight once per token, so fewer bytes means more tokens
  per second); ``compile_model(model)`` for ``torch.compile``. ``supported_options(device)``
  lists which of them this machine supports.

Book: none of this is in the book (its bonus material has a ``GPTModelFast`` too); the model is
§4.6's. Measured speed-ups are in ``benchmarks/README.md``
(``python benchmarks/compare_peers.py --quick`` runs a short comparison); the tests are
``python -m pytest tests/test_fast.py -q``.
"""

from __future__ import annotations

import copy
import shutil
import warnings

import torch
import torch.nn.functional as F
from torch import nn

from llmscratch.attention import MultiHeadAttention
from llmscratch.model import FeedForward, GPTModel, LayerNorm


class UnsupportedOptionError(RuntimeError):
    """A speed option was asked for on a device or PyTorch that cannot run it (well)."""


def _layer_norm(x, norm):
    """The book's ``LayerNorm`` (biased variance, eps inside the root) as one fused kernel."""
    return F.layer_norm(x, norm.scale.shape, norm.scale, norm.shift, norm.eps)


class FastMultiHeadAttention(MultiHeadAttention):
    """``MultiHeadAttention`` with fused QKV, SDPA and a preallocated key/value cache.

    Same constructor, layers and ``state_dict`` as the book's class; shapes
    ``(b, num_tokens, d_in) -> (b, num_tokens, d_out)``. While gradients are recorded the three
    projections run as one matrix product with ``3 * d_out`` outputs (``torch.cat`` of the three
    weights, so gradients still reach each one); without gradients (generation) the three
    layers run one by one, which reads the same bytes and copies nothing. ``forward(x,
    use_cache=True)`` writes keys and values into buffers of ``context_length`` slots allocated
    once per sequence; ``cache_k`` / ``cache_v`` are views of the filled part, ``(b, num_heads,
    past_len, head_dim)`` as in the parent class.

    Book: §3.6.2 (computed differently); notebook: ch03_attention/efficient_attention.ipynb
    """

    def reset_cache(self):
        """Forget the cached keys and values and free their buffers."""
        self.cache_k = self.cache_v = None
        self._buffers_kv = None

    def _qkv(self, x):
        layers = (self.W_query, self.W_key, self.W_value)
        if torch.is_grad_enabled() and all(type(layer) is nn.Linear for layer in layers):
            weights = [layer.weight for layer in layers]
            if weights[0].is_contiguous():  # row-major: stack rows into (3 * d_out, d_in)
                weight = torch.cat(weights)
            else:  # input-major (eval on CPU): stack columns into (d_in, 3 * d_out)
                weight = torch.cat([w.t() for w in weights], dim=1).t()
            bias = None if self.W_query.bias is None else torch.cat([la.bias for la in layers])
            return F.linear(x, weight, bias).split(self.d_out, dim=-1)
        return tuple(layer(x) for layer in layers)

    def _append_to_cache(self, keys, values):
        """Write ``(b, num_heads, num_tokens, head_dim)`` keys/values after the cached ones."""
        b, _, num_tokens, _ = keys.shape
        past_len = 0 if self.cache_k is None else self.cache_k.shape[2]
        context_length = self.mask.shape[0]
        if past_len and b != self.cache_k.shape[0]:
            raise ValueError(f"the KV cache holds a batch of {self.cache_k.shape[0]} but x has "
                             f"batch size {b}; call reset_cache() before a new batch")
        if past_len + num_tokens > context_length:
            raise ValueError(f"the KV cache would grow to {past_len + num_tokens} tokens, beyond "
                             f"context_length={context_length}; call reset_cache() and refill "
                             "it with the last tokens")
        if past_len == 0:  # a new sequence: one allocation for the whole context
            shape = (b, self.num_heads, context_length, self.head_dim)
            self._buffers_kv = (keys.new_empty(shape), values.new_empty(shape))
        buf_k, buf_v = self._buffers_kv
        end = past_len + num_tokens
        buf_k.narrow(2, past_len, num_tokens).copy_(keys)  # in place: no torch.cat
        buf_v.narrow(2, past_len, num_tokens).copy_(values)
        self.cache_k, self.cache_v = buf_k.narrow(2, 0, end), buf_v.narrow(2, 0, end)
        return self.cache_k, self.cache_v, past_len

    def forward(self, x, use_cache=False):
        b, num_tokens, _ = x.shape
        # each (b, num_tokens, d_out) -> (b, num_tokens, num_heads, head_dim)
        # -> (b, num_heads, num_tokens, head_dim)
        queries, keys, values = (
            t.view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
            for t in self._qkv(x)
        )
        past_len = 0
        if use_cache:
            keys, values, past_len = self._append_to_cache(keys, values)
        dropout_p = self.dropout.p if self.training else 0.0
        if past_len == 0:  # square causal mask: the kernel builds it
            context_vec = F.scaled_dot_product_attention(
                queries, keys, values, dropout_p=dropout_p, is_causal=True)
        elif num_tokens == 1:  # one new token may look at every cached key: no mask at all
            context_vec = F.scaled_dot_product_attention(
                queries, keys, values, dropout_p=dropout_p)
        else:  # several new tokens after cached ones: offset mask (True = may attend)
            allowed = ~self.mask.bool()[past_len:past_len + num_tokens, :past_len + num_tokens]
            context_vec = F.scaled_dot_product_attention(
                queries, keys, values, attn_mask=allowed, dropout_p=dropout_p)
        # (b, num_heads, num_tokens, head_dim) -> (b, num_tokens, d_out)
        context_vec = context_vec.transpose(1, 2).reshape(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)


class FastLayerNorm(LayerNorm):
    """The book's ``LayerNorm`` (same ``scale``/``shift``), computed by one ``F.layer_norm``."""

    def forward(self, x):
        return _layer_norm(x, self)


class FastTransformerBlock(nn.Module):
    """``TransformerBlock`` with fused kernels; same layers, order and ``state_dict``.

    Shapes: ``(batch, num_tokens, emb_dim) -> (batch, num_tokens, emb_dim)``. The LayerNorm and
    FeedForward modules are the book's (their parameters are used), but their arithmetic runs as
    ``F.layer_norm`` and ``F.gelu(approximate="tanh")``: one kernel each instead of about eight
    elementwise passes that autograd has to remember.

    Book: §4.5 (computed differently); notebook: ch04_gpt_model/ch04.ipynb
    """

    def __init__(self, cfg):
        super().__init__()
        self.att = FastMultiHeadAttention(
            d_in=cfg["emb_dim"], d_out=cfg["emb_dim"], context_length=cfg["context_length"],
            num_heads=cfg["n_heads"], dropout=cfg["drop_rate"], qkv_bias=cfg["qkv_bias"])
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def _drop(self, x):
        return self.drop_shortcut(x) if self.training and self.drop_shortcut.p > 0 else x

    def forward(self, x, use_cache=False):
        x = x + self._drop(self.att(_layer_norm(x, self.norm1), use_cache=use_cache))
        expand, _, contract = self.ff.layers  # Linear, GELU (replaced by F.gelu), Linear
        hidden = F.gelu(expand(_layer_norm(x, self.norm2)), approximate="tanh")
        return x + self._drop(contract(hidden))


class GPTModelFast(GPTModel):
    """``GPTModel`` computed with fused kernels: same constructor, weights and outputs.

    Shapes: token ids ``(batch, num_tokens)`` -> logits ``(batch, num_tokens, vocab_size)``.
    Either model loads the other's ``state_dict``; eval outputs agree within 1e-5 and gradients
    within float rounding. ``forward(in_idx, use_cache=True)`` and ``reset_kv_cache()`` work
    as in ``GPTModel``, so ``generate_text_simple_cached(GPTModelFast(cfg), ...)`` returns the
    tokens that ``generate_text_simple`` returns.

    Memory layout on the CPU: in eval mode every Linear weight keeps its ``(out_features,
    in_features)`` shape and values but is stored input-major, as a transposed view of an
    ``(in, out)`` tensor (the layout of GPT-2's own ``Conv1D``): on the CPU we measured (MKL
    on AMD), a one-token matrix-vector product reads it 1.5-2x faster. ``train()`` makes the
    weights row-major again, because fused AdamW is several times slower on transposed tensors.
    Each switch copies the weights once. Eval-mode state dicts hold these views: ``torch.save``
    keeps them; for safetensors save ``{k: v.contiguous() for k, v in sd.items()}``.

    >>> torch.manual_seed(123); fast = GPTModelFast(GPT_CONFIG_124M)  # == GPTModel's weights
    >>> fast.load_state_dict(book_model.state_dict())                 # or load them

    Book: §4.6 (computed differently); notebook: ch04_gpt_model/ch04.ipynb
    """

    block_class = FastTransformerBlock

    def __init__(self, cfg):
        super().__init__(cfg)  # GPTModel's layers, in its order, with the fast blocks
        self.final_norm = FastLayerNorm(cfg["emb_dim"])  # same parameters, F.layer_norm inside

    def train(self, mode=True):
        """Set train/eval mode, and on the CPU the Linear weights' memory layout (see above)."""
        super().train(mode)
        for layer in self.modules():
            weight = layer.weight if type(layer) is nn.Linear else None
            if weight is None or weight.device.type != "cpu":
                continue
            if not mode and weight.is_contiguous():  # eval: input-major, shape unchanged
                weight.data = weight.data.t().contiguous().t()
            elif mode and not weight.is_contiguous():  # train: row-major again
                weight.data = weight.data.contiguous()
        return self


def config_of(model):
    """The GPT config dict of a ``GPTModel`` or ``GPTModelFast``, read off its layers.

    For example ``config_of(GPTModel(cfg)) == cfg`` for the seven keys of ``CONFIG_KEYS``.
    """
    att = model.trf_blocks[0].att
    return {
        "vocab_size": model.tok_emb.num_embeddings,
        "context_length": model.pos_emb.num_embeddings,
        "emb_dim": model.tok_emb.embedding_dim,
        "n_heads": att.num_heads,
        "n_layers": len(model.trf_blocks),
        "drop_rate": model.drop_emb.p,
        "qkv_bias": att.W_query.bias is not None,
    }


def to_fast_model(model):
    """A ``GPTModelFast`` with ``model``'s weights, device, dtype and train/eval mode."""
    weight = model.out_head.weight
    fast = GPTModelFast(config_of(model)).to(device=weight.device, dtype=weight.dtype)
    fast.load_state_dict(model.state_dict())
    return fast.train(model.training)


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


_CHECKS = {
    "bf16_autocast": _native_bf16,
    "bf16_weights": _weights_check("bf16"),
    "int8_weights": _weights_check("int8"),
    "compile": _compiler,
}


def supported_options(device=None):
    """Which speed options this machine supports: ``{option: None or the reason it is not}``.

    Options: ``bf16_autocast``, ``bf16_weights``, ``int8_weights``, ``compile``. On a laptop
    CPU without AVX512-BF16 this gives e.g. ``{"bf16_autocast": "this CPU has no bfloat16
    instructions ...", ..., "int8_weights": None, "compile": None}``.
    """
    device_type = _device_type(device)
    return {name: check(device_type) for name, check in _CHECKS.items()}


def _require(option, device_type):
    reason = _CHECKS[option](device_type)
    if reason is not None:
        raise UnsupportedOptionError(f"cannot turn on {option} on {device_type}: {reason}. "
                                     "Leave the option off: float32 gives the same model.")


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
    """

    def __init__(self, linear, kind):
        super().__init__()
        if kind not in ("bf16", "int8"):
            raise ValueError(f"kind must be 'bf16' or 'int8', got {kind!r}")
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.kind = kind
        weight = linear.weight.detach().float().contiguous()
        self.register_buffer("bias", None if linear.bias is None else linear.bias.detach().float())
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
        out = self._kernel(flat) if use_kernel else self._plain(flat)
        return out.to(x.dtype).view(*x.shape[:-1], self.out_features)

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, {self.kind}"


def quantize_for_generation(model, weights="int8"):
    """A copy of ``model`` for generation, with every ``nn.Linear`` stored in ``weights``.

    ``weights``: ``"bf16"`` (half the bytes of float32) or ``"int8"`` (a quarter). Embeddings,
    norms, activations and the key/value cache stay float32; the logits come out float32.
    Decoding one token reads every weight once, so on a memory-bound CPU fewer bytes give more
    tokens per second. The copy is in eval mode and cannot be trained (weights are buffers);
    the original model is untouched. Quality: compare losses and greedy tokens with the float32
    model (``benchmarks/compare_peers.py`` does). Raises ``UnsupportedOptionError`` where the
    kernel is missing or (bf16) not native.

    >>> small = quantize_for_generation(to_fast_model(model), "int8")
    >>> generate_text_simple_cached(small, idx, max_new_tokens=50)
    """
    if weights not in ("bf16", "int8"):
        raise ValueError(f"weights must be 'bf16' or 'int8', got {weights!r}")
    _require(f"{weights}_weights", model.out_head.weight.device.type)
    quantized = copy.deepcopy(model).eval()
    for module in list(quantized.modules()):
        for name, child in module.named_children():
            if type(child) is nn.Linear:
                setattr(module, name, LowPrecisionLinear(child, weights))
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
