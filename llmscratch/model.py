"""Chapter 4: the GPT model, from layer normalisation up to the full ``GPTModel``.

Book: chapter 4 (§4.1-§4.6); notebooks: ``ch04_gpt_model/ch04.ipynb`` (the lesson),
``ch04_gpt_model/kv_cache.ipynb`` (the key/value cache) and ``ch04_gpt_model/model_sizes.ipynb``
(parameters, memory and FLOPs of the four GPT-2 sizes).

Inside, in reading order:

- ``GPT_CONFIG_124M``, ``GPT2_CONFIGS``, ``model_config(name)``, ``validate_config(cfg)``
- ``LayerNorm`` -> ``GELU`` -> ``FeedForward`` -> ``TransformerBlock`` -> ``GPTModel``
- ``count_parameters``, ``parameter_memory_mb``, ``count_parameters_from_config``,
  ``kv_cache_bytes``: the size arithmetic of §4.6

The attention module is chapter 3's ``llmscratch.attention.MultiHeadAttention``. Class names,
argument names and ``state_dict`` keys are the book's, so a state dict saved by the book's code
loads here, and ``torch.manual_seed(123)`` followed by ``GPTModel(GPT_CONFIG_124M)`` gives the
book's initial weights. Differences from the book, none of which changes a result it prints:

- ``GPTModel.forward(in_idx, use_cache=False)`` can reuse cached keys and values (the book's
  KV-cache bonus); positions then continue from the number of tokens already cached, and
  ``reset_kv_cache()`` empties every block's cache.
- A sequence longer than ``context_length`` raises a ``ValueError`` that says to crop it
  (the book's model fails with an index error inside the position embedding).
- The config is validated once, with an error that names the bad key.

Run the lesson with ``jupyter lab ch04_gpt_model/ch04.ipynb``; the tests with
``python -m pytest tests/ch04/test_model.py -q``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import torch
from torch import nn

from llmscratch.attention import MultiHeadAttention

CONFIG_KEYS = (
    "vocab_size",
    "context_length",
    "emb_dim",
    "n_heads",
    "n_layers",
    "drop_rate",
    "qkv_bias",
)

GPT_CONFIG_124M = {
    "vocab_size": 50257,  # GPT-2's byte-pair vocabulary: 50,000 merges + 256 bytes + <|endoftext|>
    "context_length": 1024,  # the most tokens the model sees at once (rows of pos_emb)
    "emb_dim": 768,  # width of every token vector inside the model
    "n_heads": 12,  # attention heads per block; each head works on 768 / 12 = 64 dimensions
    "n_layers": 12,  # transformer blocks stacked one after the other
    "drop_rate": 0.1,  # dropout after embeddings, on attention weights and on shortcuts
    "qkv_bias": False,  # bias in the query/key/value Linear layers (OpenAI's weights have it)
}

# The four GPT-2 sizes (Radford et al., 2019). Only the width, depth and head count differ;
# everything else is GPT_CONFIG_124M. Loading OpenAI's weights also needs qkv_bias=True
# (chapter 5 does that with model_config(name, qkv_bias=True)).
_SIZES = {
    "gpt2-small (124M)": dict(emb_dim=768, n_layers=12, n_heads=12),
    "gpt2-medium (355M)": dict(emb_dim=1024, n_layers=24, n_heads=16),
    "gpt2-large (774M)": dict(emb_dim=1280, n_layers=36, n_heads=20),
    "gpt2-xl (1558M)": dict(emb_dim=1600, n_layers=48, n_heads=25),
}
GPT2_CONFIGS = {name: {**GPT_CONFIG_124M, **size} for name, size in _SIZES.items()}


def _aliases(full_name: str) -> list[str]:
    """'gpt2-medium (355M)' -> ['gpt2-medium (355m)', 'gpt2-medium', '355m', 'medium']."""
    short, tag = full_name.split(" ")
    return [full_name.lower(), short, tag.strip("()").lower(), short.removeprefix("gpt2-")]


_ALIASES = {alias: name for name in GPT2_CONFIGS for alias in _aliases(name)}
_ALIASES["1.5b"] = "gpt2-xl (1558M)"


def model_config(name: str, **overrides) -> dict:
    """Return a fresh config dict for a GPT-2 size, with optional overrides.

    ``name`` may be the book's key ("gpt2-medium (355M)"), the short name ("gpt2-medium",
    "medium") or the OpenAI size tag ("355M"); case does not matter.

    >>> model_config("124M")["emb_dim"]
    768
    >>> model_config("gpt2-xl", context_length=256, qkv_bias=True)["n_heads"]
    25

    Book: §4.6 and §5.5; notebook: ch04_gpt_model/model_sizes.ipynb
    """
    key = _ALIASES.get(str(name).strip().lower())
    if key is None:
        raise ValueError(
            f"unknown GPT-2 size {name!r}; use one of {list(GPT2_CONFIGS)} "
            "(or the short forms 'gpt2-small', 'small', '124M', ...)"
        )
    return validate_config({**GPT2_CONFIGS[key], **overrides})


def validate_config(cfg: Mapping) -> Mapping:
    """Check a GPT config and return it unchanged; raise ``ValueError`` naming the bad key.

    Every key of ``CONFIG_KEYS`` must be present; sizes must be positive integers, ``drop_rate``
    a number in [0, 1), ``qkv_bias`` a bool, and ``emb_dim`` divisible by ``n_heads`` (each head
    gets ``emb_dim // n_heads`` dimensions). Extra keys are allowed (later chapters add some).

    For example ``validate_config({**GPT_CONFIG_124M, "n_heads": 7})`` raises
    ``ValueError: GPT config: 'emb_dim' (768) must be divisible by 'n_heads' (7) so that every
    head gets the same width``.

    Book: §4.1; notebook: ch04_gpt_model/ch04.ipynb
    """
    if not isinstance(cfg, Mapping):
        raise ValueError(f"GPT config must be a dict, got {type(cfg).__name__}")
    missing = [k for k in CONFIG_KEYS if k not in cfg]
    if missing:
        raise ValueError(
            f"GPT config is missing {missing}; start from a copy of GPT_CONFIG_124M, "
            "for example {**GPT_CONFIG_124M, 'n_layers': 2}"
        )
    for key in ("vocab_size", "context_length", "emb_dim", "n_heads", "n_layers"):
        value = cfg[key]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f"GPT config: {key!r} must be a positive int, got {value!r}")
    rate = cfg["drop_rate"]
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
        raise ValueError(f"GPT config: 'drop_rate' must be a number in [0, 1), got {rate!r}")
    if not isinstance(cfg["qkv_bias"], bool):
        raise ValueError(f"GPT config: 'qkv_bias' must be True or False, got {cfg['qkv_bias']!r}")
    if cfg["emb_dim"] % cfg["n_heads"]:
        raise ValueError(
            f"GPT config: 'emb_dim' ({cfg['emb_dim']}) must be divisible by 'n_heads' "
            f"({cfg['n_heads']}) so that every head gets the same width"
        )
    return cfg


class LayerNorm(nn.Module):
    """Normalise each token vector to mean 0 and variance 1, then scale and shift it.

    Shapes: ``(..., emb_dim) -> (..., emb_dim)``. The variance is the biased one
    (divide by ``emb_dim``, as GPT-2 does) and ``eps = 1e-5`` goes inside the square root.
    For ``x = [1., 2., 3., 4.]``: mean 2.5, variance 1.25, output
    ``[-1.3416, -0.4472, 0.4472, 1.3416]`` with the initial ``scale = 1``, ``shift = 0``.

    Book: §4.2; notebook: ch04_gpt_model/ch04.ipynb
    """

    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift


# sqrt(2/pi) as the book computes it: a square root taken in float32 by PyTorch. That is the
# correctly rounded 0.79788458 on some CPUs (a Zen 4 EPYC) and one float32 step below it,
# 0.79788452, on others (an Intel Xeon with AMX). Computing it the book's way keeps GPTModel
# bit-for-bit the book's model on every CPU; a one-step difference changes losses in their
# last digit.
_SQRT_2_OVER_PI = float(torch.sqrt(torch.tensor(2.0 / math.pi)))


class GELU(nn.Module):
    """GELU activation, tanh approximation: ``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))``.

    Elementwise, any shape. Smooth where ReLU has a kink, and slightly negative for negative
    inputs: GELU(-1) = -0.1588, GELU(0) = 0, GELU(1) = 0.8412.

    Book: §4.3; notebook: ch04_gpt_model/ch04.ipynb
    """

    def __init__(self):
        super().__init__()

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x**3)))


class FeedForward(nn.Module):
    """Two Linear layers around a GELU, widening each token to ``4 * emb_dim`` and back.

    Shapes: ``(batch, num_tokens, emb_dim) -> (batch, num_tokens, emb_dim)``; tokens do not
    interact here (attention does that). In a 124M block this holds 4,722,432 parameters.

    Book: §4.3; notebook: ch04_gpt_model/ch04.ipynb
    """

    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(cfg["emb_dim"], 4 * cfg["emb_dim"]),  # expand
            GELU(),
            nn.Linear(4 * cfg["emb_dim"], cfg["emb_dim"]),  # contract
        )

    def forward(self, x):
        return self.layers(x)


class TransformerBlock(nn.Module):
    """Pre-norm transformer block: ``x + attn(norm1(x))``, then ``x + ff(norm2(x))``.

    Shapes: ``(batch, num_tokens, emb_dim) -> (batch, num_tokens, emb_dim)``. Each sub-layer is
    wrapped in a shortcut (residual) connection with dropout on its output, which keeps
    gradients flowing through deep stacks. ``use_cache=True`` is passed on to the attention's
    key/value cache.

    Book: §4.4-§4.5; notebook: ch04_gpt_model/ch04.ipynb
    """

    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(
            d_in=cfg["emb_dim"],
            d_out=cfg["emb_dim"],
            context_length=cfg["context_length"],
            num_heads=cfg["n_heads"],
            dropout=cfg["drop_rate"],
            qkv_bias=cfg["qkv_bias"],
        )
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x, use_cache=False):
        shortcut = x  # attention sub-layer with its shortcut
        x = self.norm1(x)
        x = self.att(x, use_cache=use_cache)  # (batch, num_tokens, emb_dim)
        x = self.drop_shortcut(x)
        x = x + shortcut

        shortcut = x  # feed-forward sub-layer with its shortcut
        x = self.norm2(x)
        x = self.ff(x)
        x = self.drop_shortcut(x)
        return x + shortcut


class GPTModel(nn.Module):
    """The GPT-2 architecture: embeddings, ``n_layers`` blocks, final norm, output head.

    Shapes: token ids ``(batch, num_tokens)`` -> logits ``(batch, num_tokens, vocab_size)``,
    with ``num_tokens <= context_length`` (longer inputs raise a ``ValueError``: crop them with
    ``in_idx[:, -context_length:]``, as the generation functions do).

    ``forward(in_idx, use_cache=True)`` appends the new tokens' keys and values to each
    attention module's cache and gives them positions after the ones already cached, so a
    prompt can be fed once and then one token per call. Call ``reset_kv_cache()`` before a new
    sequence. With ``GPT_CONFIG_124M`` the model has 163,009,536 parameters (124,412,160 if the
    output head reuses the token embedding, as OpenAI's GPT-2 does).

    >>> torch.manual_seed(123); model = GPTModel(GPT_CONFIG_124M)  # the book's initial weights

    Book: §4.6 (and the KV-cache bonus); notebook: ch04_gpt_model/ch04.ipynb
    """

    def __init__(self, cfg):
        super().__init__()
        validate_config(cfg)
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate"])
        self.trf_blocks = nn.Sequential(*[TransformerBlock(cfg) for _ in range(cfg["n_layers"])])
        self.final_norm = LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)
        self.current_pos = 0  # tokens held in the key/value caches (not part of the state dict)

    def forward(self, in_idx, use_cache=False):
        batch_size, seq_len = in_idx.shape
        start = self._first_position(seq_len, use_cache)
        tok_embeds = self.tok_emb(in_idx)  # (batch, num_tokens, emb_dim)
        positions = torch.arange(start, start + seq_len, device=in_idx.device)
        pos_embeds = self.pos_emb(positions)  # (num_tokens, emb_dim), broadcast over the batch
        x = self.drop_emb(tok_embeds + pos_embeds)
        for block in self.trf_blocks:
            x = block(x, use_cache=use_cache)
        if use_cache:
            self.current_pos += seq_len
        x = self.final_norm(x)
        return self.out_head(x)  # (batch, num_tokens, vocab_size)

    def _first_position(self, seq_len, use_cache):
        """The position of the first of ``seq_len`` new tokens (after the cached ones with
        ``use_cache``), or a ValueError that says what to do when they do not fit the context."""
        start = self.current_pos if use_cache else 0
        context_length = self.pos_emb.num_embeddings
        if start + seq_len > context_length:
            where = f"{start} cached + {seq_len} new" if use_cache else f"{seq_len}"
            raise ValueError(
                f"{type(self).__name__} got {where} tokens but its context_length is "
                f"{context_length}: crop the input to the last context_length tokens "
                "(idx[:, -context_length:])"
                + (" and call reset_kv_cache() first" if use_cache else "")
            )
        return start

    def reset_kv_cache(self):
        """Empty every block's key/value cache and start positions again from 0."""
        for block in self.trf_blocks:
            block.att.reset_cache()
        self.current_pos = 0


def config_of(model) -> dict:
    """The GPT config dict of a ``GPTModel`` (or a model built like it), read off its layers.

    For example ``config_of(GPTModel(cfg)) == cfg`` for the seven keys of ``CONFIG_KEYS``:
    ``vocab_size`` from the token embedding, ``context_length`` from the position embedding,
    ``qkv_bias`` from whether ``W_query`` has a bias, and so on. Scripts use it to store a
    model's config beside its weights.

    Book: §4.6 (the config dict); notebook: ch04_gpt_model/ch04.ipynb
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


def count_parameters(model: nn.Module, weight_tying: bool = False) -> int:
    """Number of parameters of ``model`` (shared tensors counted once).

    With ``weight_tying=True`` the output head is not counted, as if it reused the token
    embedding the way OpenAI's GPT-2 does: 163,009,536 -> 124,412,160 for ``GPT_CONFIG_124M``.

    Book: §4.6; notebook: ch04_gpt_model/ch04.ipynb
    """
    total = sum(p.numel() for p in model.parameters())
    if weight_tying and model.out_head.weight is not model.tok_emb.weight:
        total -= sum(p.numel() for p in model.out_head.parameters())
    return total


def parameter_memory_mb(model: nn.Module, dtype: torch.dtype | None = None) -> float:
    """Memory taken by the parameters in MB (2**20 bytes), e.g. 621.83 for 124M in float32.

    ``dtype=None`` uses each parameter's own dtype; pass ``torch.bfloat16`` to ask what the
    same model would need in 16 bits. Gradients and optimizer state come on top of this.

    Book: §4.6; notebook: ch04_gpt_model/ch04.ipynb
    """
    total = 0
    for p in model.parameters():
        itemsize = p.element_size() if dtype is None else torch.empty((), dtype=dtype).itemsize
        total += p.numel() * itemsize
    return total / 2**20


def count_parameters_from_config(cfg: Mapping, weight_tying: bool = False) -> int:
    """Parameter count of ``GPTModel(cfg)`` worked out from the config, without building it.

    Per block: attention ``3 E^2 (+3E with qkv_bias) + E^2 + E``, feed-forward
    ``8 E^2 + 5 E``, two LayerNorms ``4 E``; plus embeddings ``(V + C) E``, final norm ``2 E``
    and the head ``V E`` (left out with ``weight_tying``). 163,009,536 for ``GPT_CONFIG_124M``.

    Book: §4.6 (exercise 4.2); notebook: ch04_gpt_model/model_sizes.ipynb
    """
    validate_config(cfg)
    V, C, E = cfg["vocab_size"], cfg["context_length"], cfg["emb_dim"]
    attention = 3 * E * E + (3 * E if cfg["qkv_bias"] else 0) + E * E + E
    feed_forward = (E * 4 * E + 4 * E) + (4 * E * E + E)
    block = attention + feed_forward + 4 * E
    head = 0 if weight_tying else V * E
    return (V + C) * E + cfg["n_layers"] * block + 2 * E + head


def kv_cache_bytes(
    cfg: Mapping, batch_size: int = 1, num_tokens: int | None = None, dtype=torch.float32
) -> int:
    """Bytes held by the key/value cache: ``2 * n_layers * batch * num_tokens * emb_dim * size``.

    ``num_tokens`` defaults to the full ``context_length``: GPT-2 small in float32 needs
    2 * 12 * 1024 * 768 * 4 bytes = 72 MiB per sequence.

    Book: KV-cache bonus of chapter 4; notebook: ch04_gpt_model/model_sizes.ipynb
    """
    validate_config(cfg)
    num_tokens = cfg["context_length"] if num_tokens is None else num_tokens
    itemsize = torch.empty((), dtype=dtype).itemsize
    return 2 * cfg["n_layers"] * batch_size * num_tokens * cfg["emb_dim"] * itemsize
