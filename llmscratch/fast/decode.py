"""One decoding step of ``GPTModelFast`` as a single plain function: the same numbers, fewer ops.

Decoding feeds one token at a time through the KV cache. Each step reads every weight once,
which is what should set its speed, but in eager PyTorch every small operation between the
products (a view, a slice, a module call) costs microseconds of Python and dispatch. For one
token of one sequence most of the general forward's operations are no-ops, so ``decode_step``
writes the step out directly (at 12 layers about 370 PyTorch operations a token instead of
about 800):

- every product is prepared once per sequence (``DecodePlan``, ``_row_product``) for the
  one-row kernel chosen on this CPU (``llmscratch.fast.kernels.row_kernel``): per-thread
  blocks as zero-copy views multiplied in one ``torch.baddbmm`` that also adds the bias,
  PyTorch's BLAS called directly, or ``fast_linear``; a layer that is not a plain Linear
  (LoRA, the int8/bf16 copies of ``quantize_for_generation``) is simply called;
- the new key and value are written into the cache buffers of ``FastMultiHeadAttention`` in
  place, and the query attends to the filled part with one ``F.scaled_dot_product_attention``;
- no module calls, no dropout (eval mode only), no masks (one new token may see every key).

``GPTModelFast.forward`` takes this path by itself where ``can_decode_step`` holds (one token,
the cache on, eval mode, no gradients, after the prompt); everything else runs the general
forward. Both give the same logits up to float rounding and generation the same tokens.

Opt-in, ``llmscratch.fast.options.compile_decoding(model)`` gives the model a
``CompiledDecoding``: the same step written for ``torch.compile`` (``_StepGraph``) and
compiled whole, so that a token runs no Python between its products.

Design and conditions: ``llmscratch/fast/DESIGN.md``. Book: none of this is in the book; the
model is §4.6's, the cache the chapter-4 KV-cache bonus. Tests: ``tests/fast/``.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from llmscratch.fast.kernels import (
    broadcast_column,
    fast_linear,
    layer_norm,
    matvec_parts,
    onednn_usable,
    row_kernel,
)


def _row_product(layer, weight=None, bias=None):
    """A function ``row (1, in) -> (1, out)`` computing ``layer`` (or ``weight``/``bias``).

    Prepared once: for a float32 CPU weight whose rows split evenly into one block per thread,
    where the blocks are this CPU's kernel, the blocks are zero-copy views and one ``baddbmm``
    does the product and the bias; where PyTorch's BLAS is, ``F.linear``; for other plain
    Linear weights ``fast_linear``; for any other layer the layer itself.
    """
    if weight is None:
        if not isinstance(layer, nn.Linear):
            return layer  # LoRA or a low-precision copy: its own forward
        weight, bias = layer.weight.detach(), layer.bias
        bias = None if bias is None else bias.detach()
    out_f, in_f = weight.shape
    parts = matvec_parts()
    kernel = (row_kernel() if weight.device.type == "cpu" and weight.dtype == torch.float32
              and onednn_usable() else None)
    if kernel == "blas":  # PyTorch's BLAS reads the weight fastest here: call it directly
        return lambda row: F.linear(row, weight, bias)
    if not (kernel == "blocks" and parts and out_f % parts == 0 and weight.is_contiguous()):
        return lambda row: fast_linear(row, weight, bias)
    blocks = weight.view(parts, out_f // parts, in_f)
    if bias is None:
        return lambda row: torch.bmm(blocks, broadcast_column(row, parts)).view(1, out_f)
    bias_blocks = bias.view(parts, out_f // parts, 1)
    return lambda row: torch.baddbmm(
        bias_blocks, blocks, broadcast_column(row, parts)).view(1, out_f)


class _BlockPlan:
    """What one transformer block's decoding step needs, gathered once per sequence."""

    def __init__(self, block):
        att = block.att
        self.att, self.heads, self.head_dim = att, att.num_heads, att.head_dim
        self.norm1, self.norm2 = block.norm1, block.norm2
        packed = att._packed_qkv()
        if packed is not None:  # one product for queries, keys and values
            self.qkv = _row_product(None, *packed)
        else:
            q, k, v = (_row_product(layer) for layer in (att.W_query, att.W_key, att.W_value))
            self.qkv = lambda row: torch.cat((q(row), k(row), v(row)), dim=-1)
        self.out = _row_product(att.out_proj)
        expand, _, contract = block.ff.layers
        self.expand, self.contract = _row_product(expand), _row_product(contract)


class DecodePlan:
    """The prepared products of a ``GPTModelFast`` for one-token steps (``decode_step``).

    Built from the model's current parameters: views of them, so in-place updates are seen,
    but a parameter replaced by new memory is not. ``GPTModelFast`` therefore drops its plan on
    ``reset_kv_cache()`` (the start of every generation), ``.to()``/``.half()``, loading a
    ``state_dict`` and copying, and prepares a new one at the next step.
    """

    def __init__(self, model):
        self.blocks = [_BlockPlan(block) for block in model.trf_blocks]
        self.head = _row_product(model.out_head)


def can_decode_step(model, in_idx, use_cache):
    """Whether ``decode_step`` gives ``model(in_idx, use_cache)``'s result: one token of one
    sequence, with the cache, no gradients, eval mode, outside autocast and ``torch.compile``,
    after a prompt that fits the context."""
    if not (use_cache and in_idx.shape == (1, 1) and not model.training
            and not torch.is_grad_enabled() and not torch.compiler.is_compiling()
            and not torch.is_autocast_enabled(in_idx.device.type)):
        return False
    pos = model.current_pos
    att = model.trf_blocks[0].att
    return (0 < pos < model.pos_emb.num_embeddings and att.cache_k is not None
            and att.cache_k.shape[0] == 1 and att.cache_k.shape[2] == pos)


def _embed(model, in_idx, pos):
    """The token's embedding plus that of its position: ``(1, emb_dim)``."""
    return model.tok_emb.weight[in_idx[0]] + model.pos_emb.weight[pos]


def _append_kv(att, k, v, pos):
    """Write one token's key and value ``(1, heads, 1, head_dim)`` into slot ``pos`` of the
    attention's cache buffers and return the filled part, as the general forward leaves it."""
    buf_k, buf_v = att._buffers_kv  # (1, heads, context_length, head_dim), filled up to pos
    buf_k.select(2, pos).copy_(k.squeeze(2))
    buf_v.select(2, pos).copy_(v.squeeze(2))
    att.cache_k, att.cache_v = buf_k.narrow(2, 0, pos + 1), buf_v.narrow(2, 0, pos + 1)
    return att.cache_k, att.cache_v


def decode_step(model, plan, in_idx):
    """Logits ``(1, 1, vocab_size)`` for one new token ``in_idx`` ``(1, 1)``, appending its keys
    and values to the cache: ``model(in_idx, use_cache=True)`` computed with fewer operations.
    Call only where ``can_decode_step`` holds."""
    pos = model.current_pos
    x = _embed(model, in_idx, pos)
    for p in plan.blocks:
        q, k, v = p.qkv(layer_norm(x, p.norm1)).view(3, 1, p.heads, 1, p.head_dim).unbind(0)
        keys, values = _append_kv(p.att, k, v, pos)
        # one query may look at every cached key: no mask; (1, heads, 1, head_dim) is laid out
        # as the (1, emb_dim) row the book gets from transpose(1, 2) and reshape
        context = F.scaled_dot_product_attention(q, keys, values)
        x = x + p.out(context.view(1, -1))
        hidden = F.gelu(p.expand(layer_norm(x, p.norm2)), approximate="tanh")
        x = x + p.contract(hidden)
    model.current_pos = pos + 1
    return plan.head(layer_norm(x, model.final_norm)).unsqueeze(0)


# --- the step compiled whole (opt-in: fast.options.compile_decoding) ----------------------------


class _StepGraph(nn.Module):
    """``decode_step``'s arithmetic written for ``torch.compile`` to take as one graph:
    ``(token (1,), pos, cached keys, cached values) -> (logits (1, vocab), new (layers, 2, 1,
    heads, head_dim))``. The caches (one ``(1, heads, context_length, head_dim)`` buffer per
    layer, filled up to ``pos``) are only read: the new token's score against its own key is
    appended to those of the cached keys and its value weighted on its own, and the new keys
    and values come back for the caller to write (writing them inside the graph made inductor
    copy whole buffers every token: half the eager speed, measured). The model is a
    submodule, so that inductor's freezing may treat the weights as constants."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, token, pos: int, keys, values):
        m = self.model
        x = m.tok_emb.weight[token] + m.pos_emb.weight[pos]
        new = []
        for block, cached_k, cached_v in zip(m.trf_blocks, keys, values):
            att = block.att
            layers = (att.W_query, att.W_key, att.W_value)
            weight = torch.cat([layer.weight for layer in layers])
            bias = None if att.W_query.bias is None else torch.cat([la.bias for la in layers])
            q, k, v = F.linear(layer_norm(x, block.norm1), weight, bias).view(
                3, 1, att.num_heads, 1, att.head_dim).unbind(0)
            context = self._attend(q, k, v, cached_k[:, :, :pos], cached_v[:, :, :pos])
            x = x + F.linear(context.reshape(1, -1), att.out_proj.weight, att.out_proj.bias)
            expand, _, contract = block.ff.layers
            hidden = F.gelu(F.linear(layer_norm(x, block.norm2), expand.weight, expand.bias),
                            approximate="tanh")
            x = x + F.linear(hidden, contract.weight, contract.bias)
            new.append(torch.stack([k[:, :, 0], v[:, :, 0]]))
        logits = F.linear(layer_norm(x, m.final_norm), m.out_head.weight, m.out_head.bias)
        return logits, torch.stack(new)

    @staticmethod
    def _attend(q, k, v, past_k, past_v):
        """One query ``(1, heads, 1, head_dim)`` over the cached keys and values and its own
        ``k``, ``v``: softmax of the scaled scores, then the weighted sum of the values."""
        pos = past_k.shape[2]
        scores = torch.cat([q @ past_k.transpose(-1, -2), (q * k).sum(-1, keepdim=True)], -1)
        weights = torch.softmax(scores * q.shape[-1] ** -0.5, dim=-1)
        return weights[..., :pos] @ past_v + weights[..., pos:] * v


def _weights_stamp(model):
    """Where each parameter lies and how often it was changed in place: equal stamps mean the
    weights a compiled step froze are still the model's."""
    return [(p.data_ptr(), p._version) for p in model.parameters()]


class CompiledDecoding:
    """``decode_step`` compiled whole by ``torch.compile`` (see ``compile_decoding``).

    Inductor's ``freezing`` makes the weights constants of the generated code, laid out anew
    for its own matrix kernels (a second copy of them in memory), and ``cpp_wrapper`` calls
    the kernels from C++, so a token makes no Python calls between its products. The first
    two tokens compile (a graph for one cache length, then one for any length): minutes at
    GPT-2 124M with ``max_autotune`` (inductor times its C++ matrix kernel against PyTorch's
    for each weight shape and keeps the faster). Frozen weights cannot follow changes to the
    model's: when, at the first step of a sequence, a parameter was found changed in place or
    replaced since compiling, ``GPTModelFast`` warns, drops this object and decodes
    uncompiled again.
    """

    def __init__(self, model, max_autotune=True):
        import torch._inductor.config as inductor_config

        self.inductor_config = inductor_config
        self.step = torch.compile(_StepGraph(model), options={
            "freezing": True, "cpp_wrapper": True, "max_autotune": max_autotune})
        self.stamp = _weights_stamp(model)
        self.checked = False  # set by GPTModelFast once per sequence, after ``matches``

    def matches(self, model):
        """Whether ``model``'s weights are still the ones compiled."""
        return _weights_stamp(model) == self.stamp

    def __call__(self, model, in_idx):
        """``decode_step(model, plan, in_idx)``'s logits ``(1, 1, vocab)`` and cache update."""
        pos = model.current_pos
        atts = [block.att for block in model.trf_blocks]
        keys, values = zip(*(att._buffers_kv for att in atts))
        # dynamo reads `freezing` when it traces (which may happen at any call: a recompile),
        # outside the options that torch.compile hands to inductor: set it for the call
        with self.inductor_config.patch(freezing=True):
            logits, new = self.step(in_idx[0], pos, list(keys), list(values))
        for att, (k, v) in zip(atts, new):
            _append_kv(att, k.unsqueeze(2), v.unsqueeze(2), pos)
        model.current_pos = pos + 1
        return logits.unsqueeze(0)
