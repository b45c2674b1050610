"""``GPTModelFast``: the chapter-4 ``GPTModel``, the same weights and outputs, computed faster.

``GPTModel`` (``llmscratch.model``) is written the way the book writes it, one readable
operation at a time. ``GPTModelFast(cfg)`` keeps its constructor, layers (made in the same
order, so ``torch.manual_seed(123)`` gives the same initial weights), ``state_dict`` keys and
outputs (up to float rounding) and changes only how the work is done:

- ``FastMultiHeadAttention``: the query, key and value weights stored end to end and used as
  one product, ``F.scaled_dot_product_attention`` (on the CPU with dropout, the book's steps
  written out with the cheaper dropout), a key/value cache allocated once per sequence;
- ``FastTransformerBlock``: ``F.layer_norm`` and ``F.gelu(approximate="tanh")`` (the book's
  formulas as one kernel each) around the kernels of ``llmscratch.fast.kernels``;
- one token of one sequence during decoding takes the short step of
  ``llmscratch.fast.decode`` (compiled whole after ``compile_decoding``);
- ``GPTModelFast.loss(inputs, targets)`` computes the output head and the loss in one step
  (``llmscratch.fast.loss``); ``calc_loss_batch_fast`` is the book's ``calc_loss_batch`` that
  calls it for a ``GPTModelFast``.

``to_fast_model(model)`` copies a ``GPTModel`` into a ``GPTModelFast``. The opt-in options
live in ``llmscratch.fast.options``. Slightly over 400 lines: the attention's packed weights
and cache take most of them, and they belong beside the model that decodes with them.

Design and the conditions for each kernel: ``llmscratch/fast/DESIGN.md``. Book: §4.6's model,
computed differently (the book's bonus material has a ``GPTModelFast`` too). Tests:
``python -m pytest tests/fast -q``; speed: ``python benchmarks/compare_peers.py --quick``.
"""

from __future__ import annotations

import warnings

import torch
import torch.nn.functional as F
from torch import nn

from llmscratch.attention import MultiHeadAttention
from llmscratch.fast.decode import DecodePlan, can_decode_step, decode_step
from llmscratch.fast.kernels import KeepsBuffers, fast_linear, layer_norm
from llmscratch.fast.layers import fast_dropout, use_fast_kernels
from llmscratch.fast.loss import head_cross_entropy
from llmscratch.model import FeedForward, GPTModel, LayerNorm, config_of
from llmscratch.training import calc_loss_batch


class FastMultiHeadAttention(MultiHeadAttention):
    """``MultiHeadAttention`` with fused QKV, SDPA and a preallocated key/value cache.

    Same constructor, layers and ``state_dict`` as the book's class; shapes
    ``(b, num_tokens, d_in) -> (b, num_tokens, d_out)``. The three projections run as one
    matrix product with ``3 * d_out`` outputs. The query, key and value weights (and biases)
    are stored end to end in one tensor (``pack_qkv``: each ``Parameter`` is a view of its third,
    so the ``state_dict`` keeps its three keys), and without gradients (generation) that tensor
    is read in place: one matrix-vector product per token instead of three, which reads the
    same bytes faster (one large product streams better than three small ones). While
    gradients are recorded the product uses ``torch.cat`` of the three weights, so the
    gradients still reach each one. ``forward(x, use_cache=True)`` writes keys and values into
    buffers of ``context_length`` slots allocated once per sequence; ``cache_k`` / ``cache_v``
    are views of the filled part, ``(b, num_heads, past_len, head_dim)`` as in the parent class.

    Book: §3.6.2 (computed differently); notebook: ch03_attention/efficient_attention.ipynb
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # the book's layers, in the book's order
        use_fast_kernels(self)
        self.pack_qkv()

    def _projections(self):
        """The query, key and value layers, or None when one is not a plain Linear layer
        (LoRA or a low-precision copy replaced it): then each runs on its own."""
        layers = (self.W_query, self.W_key, self.W_value)
        return layers if all(isinstance(layer, nn.Linear) for layer in layers) else None

    def pack_qkv(self):
        """Store the query, key and value weights end to end in one ``(3 * d_out, d_in)``
        tensor (and the biases in one ``(3 * d_out,)``); each parameter becomes a view of its
        part. Values, parameter objects and ``state_dict`` keys stay as they were. Called on
        construction, after ``.to()`` / ``.half()`` (which give each parameter its own memory)
        and by ``reset_cache()`` when something replaced the parameters."""
        layers = self._projections()
        if layers is None or self._packed_qkv() is not None:
            return
        with torch.no_grad():
            for name in ("weight", "bias"):
                params = [getattr(layer, name) for layer in layers]
                if params[0] is None:
                    continue
                packed = torch.cat([p.detach() for p in params])
                for i, param in enumerate(params):
                    param.data = packed[i * self.d_out:(i + 1) * self.d_out]

    def _packed_qkv(self):
        """``(weight, bias)`` read in place from the packed storage (zero-copy views of all
        three parts), or None when the parameters are not packed end to end."""
        layers = self._projections()
        if layers is None:
            return None
        packed = []
        for name in ("weight", "bias"):
            params = [getattr(layer, name) for layer in layers]
            if params[0] is None:
                packed.append(None)
                continue
            first, step = params[0], params[0].numel()
            if not all(p.is_contiguous() and p.dtype == first.dtype and p.device == first.device
                       and p.untyped_storage().data_ptr() == first.untyped_storage().data_ptr()
                       and p.storage_offset() == first.storage_offset() + i * step
                       for i, p in enumerate(params)):
                return None
            shape = (3 * first.shape[0],) + tuple(first.shape[1:])
            packed.append(first.detach().as_strided(shape, first.stride(),
                                                    first.storage_offset()))
        return tuple(packed)

    def _apply(self, fn, *args, **kwargs):
        module = super()._apply(fn, *args, **kwargs)  # .to()/.half(): new memory per parameter
        self.pack_qkv()
        return module

    def reset_cache(self):
        """Forget the cached keys and values and free their buffers (and re-pack the query,
        key and value weights if they were replaced, for example by ``assign=True`` loading)."""
        self.cache_k = self.cache_v = None
        self._buffers_kv = None
        self.pack_qkv()

    def _qkv(self, x):
        layers = self._projections()
        if layers is None:
            return tuple(layer(x) for layer in (self.W_query, self.W_key, self.W_value))
        if torch.is_grad_enabled() or torch.compiler.is_compiling():
            # a new (3 * d_out, d_in) tensor that autograd can split (and that torch.compile
            # can trace: it cannot follow the storage checks of _packed_qkv)
            weight = torch.cat([layer.weight for layer in layers])
            bias = None if self.W_query.bias is None else torch.cat([la.bias for la in layers])
        else:  # generation and evaluation: read the packed weights where they lie
            packed = self._packed_qkv()
            if packed is None:
                return tuple(layer(x) for layer in layers)
            weight, bias = packed
        return fast_linear(x, weight, bias).split(self.d_out, dim=-1)

    def _attend_with_dropout(self, queries, keys, values, past_len):
        """Causal attention with dropout on the weights, written out as in the book (§3.5).

        ``F.scaled_dot_product_attention`` has no fused CPU kernel with dropout: it falls back
        to these same steps with PyTorch's slower dropout, so on the CPU we spell them out.
        """
        b, heads, num_tokens, head_dim = queries.shape
        num_keys = keys.shape[2]
        hidden = self.mask.bool()[past_len:past_len + num_tokens, :num_keys]
        # the mask as -inf added to the scores by the product itself (baddbmm: bias + alpha
        # q k^T), in place of the book's scaling of q and masked_fill_ afterwards: two passes
        # fewer forward and one fewer backward, the same numbers
        bias = queries.new_zeros(hidden.shape).masked_fill_(hidden, float("-inf"))
        scores = torch.baddbmm(bias, queries.reshape(b * heads, num_tokens, head_dim),
                               keys.reshape(b * heads, num_keys, head_dim).transpose(1, 2),
                               alpha=head_dim ** -0.5)
        weights = torch.softmax(scores.view(b, heads, num_tokens, num_keys), dim=-1)
        return fast_dropout(weights, self.dropout.p) @ values

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
        if dropout_p > 0 and x.device.type == "cpu":
            context_vec = self._attend_with_dropout(queries, keys, values, past_len)
        elif past_len == 0:  # square causal mask: the kernel builds it
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
        return layer_norm(x, self)


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
        use_fast_kernels(self)

    def forward(self, x, use_cache=False):
        x = x + self.drop_shortcut(self.att(layer_norm(x, self.norm1), use_cache=use_cache))
        expand, _, contract = self.ff.layers  # Linear, GELU (replaced by F.gelu), Linear
        hidden = F.gelu(expand(layer_norm(x, self.norm2)), approximate="tanh")
        return x + self.drop_shortcut(contract(hidden))


def make_block_fast(block):
    """Turn the book's ``TransformerBlock`` into a ``FastTransformerBlock`` in place: the same
    layer objects and parameters (so no new random numbers are drawn), the fast arithmetic."""
    block.__class__ = FastTransformerBlock
    block.att.__class__ = FastMultiHeadAttention
    use_fast_kernels(block)
    block.att.reset_cache()  # sets up the fast cache buffers and packs the q/k/v weights
    return block


class GPTModelFast(GPTModel):
    """``GPTModel`` computed with fused kernels: same constructor, weights and outputs.

    Shapes: token ids ``(batch, num_tokens)`` -> logits ``(batch, num_tokens, vocab_size)``.
    Either model loads the other's ``state_dict``; eval outputs agree within 1e-5 and gradients
    within float rounding. ``forward(in_idx, use_cache=True)`` and ``reset_kv_cache()`` work
    as in ``GPTModel``, so ``generate_text_simple_cached(GPTModelFast(cfg), ...)`` returns the
    tokens that ``generate_text_simple`` returns.

    Kernels: every Linear layer (including the output head) is a ``FastLinear`` (on x86 CPUs
    oneDNN's matrix product, faster there than PyTorch's default BLAS) and every
    dropout a ``FastDropout`` (on the CPU a cheaper random mask); elsewhere both compute
    exactly what PyTorch's own layers do. Training on the CPU, the embeddings (``FastEmbedding``)
    and the wide output head keep their large gradient and output buffers between steps
    instead of fresh memory each time (``release_kept_memory()`` lets go of them), and the head
    runs in pieces of 4,096 outputs. A single cached token of one sequence, in eval mode
    without gradients (every step of decoding after the prompt), skips the general forward
    for ``llmscratch.fast.decode.decode_step``: the same arithmetic in far fewer operations.
    ``loss(in_idx, targets)`` is ``calc_loss_batch``'s number with the head and the loss in
    one step (``llmscratch.fast.loss``).

    >>> torch.manual_seed(123); fast = GPTModelFast(GPT_CONFIG_124M)  # == GPTModel's weights
    >>> fast.load_state_dict(book_model.state_dict())                 # or load them

    Book: §4.6 (computed differently); notebook: ch04_gpt_model/ch04.ipynb
    """

    def __init__(self, cfg):
        super().__init__(cfg)  # GPTModel's layers, made in its order: the same initial weights
        for block in self.trf_blocks:
            make_block_fast(block)
        self.final_norm.__class__ = FastLayerNorm  # same parameters, F.layer_norm inside
        use_fast_kernels(self)
        self._decode_plan = None  # prepared one-token products (llmscratch.fast.decode)
        self._compiled_decoding = None  # opt-in: fast.options.compile_decoding
        # loading may give the parameters new memory: prepare the products again
        self.register_load_state_dict_post_hook(_forget_plan_after_loading)

    def forward(self, in_idx, use_cache=False):
        if can_decode_step(self, in_idx, use_cache):  # one cached token: the short path
            if self._compiled_decoding is not None and self._compiled_step_usable():
                return self._compiled_decoding(self, in_idx)
            if self._decode_plan is None:
                self._decode_plan = DecodePlan(self)
            return decode_step(self, self._decode_plan, in_idx)
        return self.out_head(self._final_hidden(in_idx, use_cache))

    def _final_hidden(self, in_idx, use_cache=False):
        """``GPTModel.forward`` up to the output head: the final norm's output
        ``(batch, num_tokens, emb_dim)``."""
        start = self._first_position(in_idx.shape[1], use_cache)
        positions = torch.arange(start, start + in_idx.shape[1], device=in_idx.device)
        x = self.drop_emb(self.tok_emb(in_idx) + self.pos_emb(positions))
        for block in self.trf_blocks:
            x = block(x, use_cache=use_cache)
        if use_cache:
            self.current_pos += in_idx.shape[1]
        return self.final_norm(x)

    def loss(self, in_idx, targets, ignore_index=-100):
        """The mean next-token cross-entropy of ``in_idx`` against ``targets`` (both
        ``(batch, num_tokens)`` token ids; positions whose target is ``ignore_index`` do not
        count): the number ``calc_loss_batch`` computes from ``self(in_idx)``, up to float
        rounding, forward and backward.

        The logits never leave the model, so on the CPU the output head and the loss share
        one buffer kept between steps instead of three fresh 103 MB tensors at GPT-2 124M
        (``llmscratch.fast.loss``). ``calc_loss_batch`` calls this for a ``GPTModelFast``.
        """
        if targets.shape != in_idx.shape:
            raise ValueError(f"targets have shape {tuple(targets.shape)} but the inputs "
                             f"{tuple(in_idx.shape)}: give one target id per input token "
                             "(the inputs shifted left by one)")
        hidden = self._final_hidden(in_idx)
        return head_cross_entropy(hidden.flatten(0, 1), self.out_head, targets.flatten(),
                                  ignore_index)

    def release_kept_memory(self):
        """Let go of the large buffers the layers keep between training steps on the CPU (the
        embeddings' gradients, the output head's output and gradient: about 410 MB at GPT-2
        124M); the next step makes them again. Nothing else changes."""
        for module in self.modules():
            if isinstance(module, KeepsBuffers):
                module.release_kept_buffers()

    def _forget_plan(self):
        self._decode_plan = None  # prepared again from the parameters at the next step
        if self._compiled_decoding is not None:
            self._compiled_decoding.checked = False  # look at the weights again

    def _compiled_step_usable(self):
        """Whether the step ``compile_decoding`` compiled still has this model's weights,
        looked at once per sequence (at its first step after ``reset_kv_cache()``, loading
        or ``.to()``: 0.26 ms at GPT-2 124M, too much for every token); if not, say so once
        and decode uncompiled from now on."""
        compiled = self._compiled_decoding
        if compiled.checked or compiled.matches(self):
            compiled.checked = True
            return True
        self._compiled_decoding = None
        warnings.warn("the model's weights changed after compile_decoding() (trained, loaded "
                      "or moved), so its compiled step, which froze the old ones, is dropped; "
                      "decoding runs uncompiled until you call compile_decoding(model) again",
                      stacklevel=3)
        return False

    def reset_kv_cache(self):
        super().reset_kv_cache()
        self._forget_plan()

    def _apply(self, fn, *args, **kwargs):
        module = super()._apply(fn, *args, **kwargs)  # .to()/.half(): new memory
        self._forget_plan()
        return module

    def __getstate__(self):  # copies (quantize_for_generation's too) prepare their own plan
        state = super().__getstate__()
        return {**state, "_decode_plan": None, "_compiled_decoding": None}


def _forget_plan_after_loading(model, incompatible_keys):
    """``load_state_dict`` hook (a plain function, so that the model still pickles)."""
    model._forget_plan()


def to_fast_model(model):
    """A ``GPTModelFast`` with ``model``'s weights, device, dtype and train/eval mode."""
    weight = model.out_head.weight
    fast = GPTModelFast(config_of(model)).to(device=weight.device, dtype=weight.dtype)
    fast.load_state_dict(model.state_dict())
    return fast.train(model.training)


def calc_loss_batch_fast(input_batch, target_batch, model, device):
    """``calc_loss_batch`` (Book §5.1.3) that lets a ``GPTModelFast`` compute it with ``loss``.

    Same arguments and the same number up to float rounding. For a ``GPTModelFast`` the output
    head and the cross-entropy run as one step and the logits never leave the model
    (``llmscratch.fast.loss``); any other model (a compiled or DDP-wrapped one included) goes
    the book's way. Training loops take it as their loss function when asked to run fast.
    """
    if not isinstance(model, GPTModelFast):
        return calc_loss_batch(input_batch, target_batch, model, device)
    return model.loss(input_batch.to(device), target_batch.to(device))
