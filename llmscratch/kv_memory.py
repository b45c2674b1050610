"""Chapter 4 bonus: how much memory the KV cache takes, for MHA, GQA, MLA and SWA.

Book: the chapter-4 bonus sections on GQA, MLA and SWA, each of which ends with the KV-cache
memory it saves; notebook: ``ch04_gpt_model/attention_variants.ipynb``.

A KV cache holds, for every layer and every cached token, what that layer's attention will need
again: keys and values of every head in multi-head attention (MHA); of the ``n_kv_groups``
shared heads in grouped-query attention (GQA); one compressed latent plus a small rotary key in
multi-head latent attention (MLA); and with a sliding window (SWA) only the last
``sliding_window`` tokens, in every layer or (``global_every=k``) in all but every k-th layer.

Inside:

- ``kv_cache_bytes_per_token(kind, ...)`` and ``estimate_kv_cache_bytes(kind, num_tokens,
  ...)``: the formulas;
- ``kv_cache_bytes_for_config(cfg, num_tokens)``: the estimate for a Llama/Qwen3 config;
- ``measure_kv_cache_bytes(model)``: the bytes a model's attention modules actually hold.

Worked example: Llama 3.2 1B (16 layers, 8 K/V heads of 64, bf16) caches
``2 * 16 * 8 * 64 * 2 = 32,768`` bytes per token, 4 GiB at its full 131,072 tokens; with 32
separate K/V heads (MHA) it would be 16 GiB. Plot it with
``llmscratch.plotting_variants.plot_kv_cache_memory``.
Tests: ``python -m pytest tests/ch04/test_kv_memory.py -q``.
"""

from __future__ import annotations

import torch

KINDS = ("mha", "gqa", "mla", "swa")


def _itemsize(dtype):
    return torch.empty((), dtype=dtype).element_size()


def kv_cache_bytes_per_token(kind, n_layers, n_heads, head_dim, n_kv_groups=None,
                             kv_lora_rank=None, qk_rope_head_dim=0, dtype=torch.bfloat16):
    """Bytes added to the cache by one token (when every layer keeps it).

    ``mha``: ``2 * n_layers * n_heads * head_dim`` numbers (keys and values of every head);
    ``gqa`` and ``swa``: ``2 * n_layers * n_kv_groups * head_dim`` (``n_kv_groups`` defaults
    to ``n_heads``); ``mla``: ``n_layers * (kv_lora_rank + qk_rope_head_dim)``. Times the
    dtype's size (2 bytes for bf16). GPT-2 small (MHA, 12 layers, 12 heads of 64, float32):
    ``2 * 12 * 12 * 64 * 4 = 73,728`` bytes.

    Book: chapter 4 bonus (GQA, MLA, SWA); notebook: ch04_gpt_model/attention_variants.ipynb
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if kind == "mla":
        if kv_lora_rank is None:
            raise ValueError("kind='mla' needs kv_lora_rank (the latent size)")
        numbers = n_layers * (kv_lora_rank + qk_rope_head_dim)
    else:
        heads = n_heads if kind == "mha" or n_kv_groups is None else n_kv_groups
        numbers = 2 * n_layers * heads * head_dim
    return numbers * _itemsize(dtype)


def estimate_kv_cache_bytes(kind, num_tokens, *, n_layers, n_heads, head_dim, batch_size=1,
                            n_kv_groups=None, kv_lora_rank=None, qk_rope_head_dim=0,
                            sliding_window=None, global_every=None, dtype=torch.bfloat16):
    """Bytes of the whole cache after ``num_tokens`` tokens of ``batch_size`` sequences.

    For ``swa``, layers with a window hold ``min(num_tokens, sliding_window)`` tokens; with
    ``global_every=k`` every k-th layer attends globally and holds all ``num_tokens`` (Gemma 3
    uses k = 6: five local layers to one global). Example: Llama 3.2 1B's shapes with a
    4,096-token window at 131,072 tokens: 32,768 * 4,096 bytes = 128 MiB instead of 4 GiB.

    Book: chapter 4 bonus (GQA, MLA, SWA); notebook: ch04_gpt_model/attention_variants.ipynb
    """
    per_layer = kv_cache_bytes_per_token(kind, 1, n_heads, head_dim, n_kv_groups, kv_lora_rank,
                                         qk_rope_head_dim, dtype)
    if kind != "swa":
        return batch_size * num_tokens * n_layers * per_layer
    if sliding_window is None:
        raise ValueError("kind='swa' needs sliding_window")
    n_global = n_layers // global_every if global_every else 0
    local_tokens = min(num_tokens, sliding_window)
    tokens = n_global * num_tokens + (n_layers - n_global) * local_tokens
    return batch_size * tokens * per_layer


def kv_cache_bytes_for_config(cfg, num_tokens=None, batch_size=1, dtype=None):
    """The GQA estimate for a ``Llama3Model``/``Qwen3Model`` config (the full context by
    default, in the config's dtype): 4,294,967,296 bytes for ``LLAMA32_CONFIG_1B``.

    Book: chapter 5 bonus; notebook: ch04_gpt_model/attention_variants.ipynb
    """
    head_dim = cfg.get("head_dim") or cfg["emb_dim"] // cfg["n_heads"]
    return estimate_kv_cache_bytes(
        "gqa", cfg["context_length"] if num_tokens is None else num_tokens,
        n_layers=cfg["n_layers"], n_heads=cfg["n_heads"], head_dim=head_dim,
        n_kv_groups=cfg["n_kv_groups"], batch_size=batch_size,
        dtype=cfg.get("dtype", torch.float32) if dtype is None else dtype,
    )


_CACHE_ATTRIBUTES = ("cache_k", "cache_v", "cache_latent", "cache_k_rope")


def measure_kv_cache_bytes(model):
    """Bytes held right now by the KV caches of every attention module inside ``model``.

    Counts the memory behind the tensors in the attributes ``cache_k``, ``cache_v``
    (``MultiHeadAttention``, ``GroupedQueryAttention``) and ``cache_latent``, ``cache_k_rope``
    (``MultiHeadLatentAttention``), so a cache that is a view of a larger tensor counts that
    tensor in full. Call it after a forward with ``use_cache=True``.

    Book: chapter 4 bonus; notebook: ch04_gpt_model/attention_variants.ipynb
    """
    storages = {}  # the memory blocks behind the cached tensors, each counted once
    for module in model.modules():
        for name in _CACHE_ATTRIBUTES:
            tensor = getattr(module, name, None)
            if isinstance(tensor, torch.Tensor):
                storage = tensor.untyped_storage()
                storages[storage.data_ptr()] = storage.nbytes()
    return sum(storages.values())
