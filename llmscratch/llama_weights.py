"""Chapter 5 bonus: Hugging Face checkpoints of Llama 3 and Qwen3 in our models.

Book: the chapter-5 bonus notebooks that load Llama 3.2 and Qwen3 weights; notebook:
``ch05_pretraining/gpt_to_llama.ipynb``.

Inside:

- ``HF_KEY_MAP``: our ``state_dict`` key -> Hugging Face's, one row per kind of tensor
  (``{i}`` is a block, ``{e}`` an expert). Llama, Qwen3 and Qwen3-MoE share the names.
- ``load_weights_into_llama(model, param_config, params)``: one shape-checked copy loop over
  that table (``load_weights_into_qwen`` in ``llmscratch.qwen`` uses the same loop).
- ``SafetensorsCheckpoint(path)``: a read-only dict over one ``.safetensors`` file or a
  sharded folder (``model.safetensors.index.json``); a tensor is read from disk only when the
  loop asks for it, so loading holds the model plus one tensor, never a second model.
- ``config_from_hf(hf_config)``: the book's config dict from a ``config.json``
  (``hidden_size`` -> ``emb_dim``, ``num_key_value_heads`` -> ``n_kv_groups``,
  ``rope_parameters``/``rope_scaling`` -> ``rope_base`` and ``rope_freq`` ...).

Unlike the book, a wrong checkpoint fails with a message naming the tensor and both shapes
instead of loading garbage, and every checkpoint tensor must be used. The tensors keep the
model's dtype: build the model with ``dtype=torch.bfloat16`` to keep bf16 weights in bf16.
Tests: ``python -m pytest tests/ch05/test_llama.py -q``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import torch

HF_KEY_MAP = [  # (our key, Hugging Face key)
    ("tok_emb.weight", "model.embed_tokens.weight"),
    ("final_norm.scale", "model.norm.weight"),
    ("out_head.weight", "lm_head.weight"),
    ("trf_blocks.{i}.norm1.scale", "model.layers.{i}.input_layernorm.weight"),
    ("trf_blocks.{i}.norm2.scale", "model.layers.{i}.post_attention_layernorm.weight"),
    ("trf_blocks.{i}.att.W_query.weight", "model.layers.{i}.self_attn.q_proj.weight"),
    ("trf_blocks.{i}.att.W_key.weight", "model.layers.{i}.self_attn.k_proj.weight"),
    ("trf_blocks.{i}.att.W_value.weight", "model.layers.{i}.self_attn.v_proj.weight"),
    ("trf_blocks.{i}.att.out_proj.weight", "model.layers.{i}.self_attn.o_proj.weight"),
    ("trf_blocks.{i}.att.q_norm.scale", "model.layers.{i}.self_attn.q_norm.weight"),  # Qwen3
    ("trf_blocks.{i}.att.k_norm.scale", "model.layers.{i}.self_attn.k_norm.weight"),  # Qwen3
    ("trf_blocks.{i}.ff.fc1.weight", "model.layers.{i}.mlp.gate_proj.weight"),
    ("trf_blocks.{i}.ff.fc2.weight", "model.layers.{i}.mlp.up_proj.weight"),
    ("trf_blocks.{i}.ff.fc3.weight", "model.layers.{i}.mlp.down_proj.weight"),
    ("trf_blocks.{i}.ff.gate.weight", "model.layers.{i}.mlp.gate.weight"),  # MoE router
    ("trf_blocks.{i}.ff.fc1.{e}.weight", "model.layers.{i}.mlp.experts.{e}.gate_proj.weight"),
    ("trf_blocks.{i}.ff.fc2.{e}.weight", "model.layers.{i}.mlp.experts.{e}.up_proj.weight"),
    ("trf_blocks.{i}.ff.fc3.{e}.weight", "model.layers.{i}.mlp.experts.{e}.down_proj.weight"),
]


def _pattern(template):
    """'trf_blocks.{i}.ff.fc1.{e}.weight' -> a regex with groups i and e."""
    return re.compile("^" + re.escape(template).replace(r"\{i\}", r"(?P<i>\d+)")
                      .replace(r"\{e\}", r"(?P<e>\d+)") + "$")


_RULES = [(_pattern(ours), theirs) for ours, theirs in HF_KEY_MAP]


def hf_key(our_key):
    """The Hugging Face name of one of our keys: ``trf_blocks.3.ff.fc1.weight`` ->
    ``model.layers.3.mlp.gate_proj.weight``; a ``KeyError`` for a key without a rule."""
    for pattern, theirs in _RULES:
        found = pattern.match(our_key)
        if found:
            return theirs.format(**found.groupdict())
    raise KeyError(f"no Hugging Face name known for {our_key!r}")


def load_hf_weights(model, param_config, params):
    """The copy loop behind ``load_weights_into_llama`` and ``load_weights_into_qwen``."""
    n_layers = len(model.trf_blocks)
    if param_config.get("n_layers", n_layers) != n_layers:
        raise ValueError(f"param_config has n_layers={param_config['n_layers']} but the model "
                         f"has {n_layers} blocks: build the model from param_config")
    own = model.state_dict(keep_vars=True)
    tied = own["out_head.weight"] is own["tok_emb.weight"]
    used = set()
    with torch.no_grad():
        for ours, tensor in own.items():
            if ours == "out_head.weight" and tied:
                continue  # the same tensor as tok_emb.weight, filled once
            src = hf_key(ours)
            if src not in params and ours == "out_head.weight":
                src = "model.embed_tokens.weight"  # a tied checkpoint stores one copy
            if src not in params:
                raise ValueError(f"the checkpoint has no tensor {src!r} (needed for {ours}); "
                                 "is it a checkpoint of this architecture and size?")
            value = params[src]  # read from disk here when params is a SafetensorsCheckpoint
            if tuple(value.shape) != tuple(tensor.shape):
                raise ValueError(f"shape mismatch for {ours} <- {src}: model "
                                 f"{tuple(tensor.shape)}, checkpoint {tuple(value.shape)}; build "
                                 "the model with the checkpoint's config (config_from_hf)")
            tensor.copy_(value)  # cast to the model's dtype
            used.add(src)
        if tied and "lm_head.weight" in params:  # a tied model needs a head equal to the embedding
            if not torch.equal(params["lm_head.weight"].to(own["tok_emb.weight"].dtype),
                               own["tok_emb.weight"]):
                raise ValueError("the checkpoint's lm_head.weight differs from its embedding, but "
                                 "the model ties them: build it with tie_embeddings=False")
            used.add("lm_head.weight")
    unused = sorted(k for k in set(params) - used if not k.endswith("rotary_emb.inv_freq"))
    if unused:
        raise ValueError(f"checkpoint tensors not used by {type(model).__name__}: {unused[:5]}"
                         " (for Qwen3 weights use Qwen3Model and load_weights_into_qwen)")
    return model


def load_weights_into_llama(model, param_config, params):
    """Copy a Hugging Face Llama 3 state dict (``model.layers.{i}.self_attn.q_proj.weight``
    ...) into a ``Llama3Model``, in place, checking every shape.

    ``params``: a dict from ``safetensors.torch.load_file``, or a ``SafetensorsCheckpoint``
    (one file or a sharded folder, read one tensor at a time). ``param_config``: the config the
    model was built with. A checkpoint without ``lm_head.weight`` (tied, as Llama 3.2 1B is
    saved) fills the head from the embedding; with ``tie_embeddings`` the head *is* the
    embedding. Errors name the tensor, e.g. ``shape mismatch for trf_blocks.0.att.W_key.weight
    <- model.layers.0.self_attn.k_proj.weight: model (512, 2048), checkpoint (2048, 2048)``.

    Book: chapter 5 bonus (Llama 3.2 from scratch); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    return load_hf_weights(model, param_config, params)


class SafetensorsCheckpoint(Mapping):
    """A read-only ``{name: tensor}`` view of Hugging Face safetensors files, read lazily.

    ``path``: a ``.safetensors`` file, a ``model.safetensors.index.json``, or a folder holding
    either (what ``save_pretrained`` writes; large models are split into shards listed in the
    index's ``weight_map``). ``checkpoint[name]`` reads that one tensor from its shard.
    Example: ``params = SafetensorsCheckpoint("Llama-3.2-1B")`` then
    ``load_weights_into_llama(model, cfg, params)``.

    Book: chapter 5 bonus; notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    def __init__(self, path):
        from safetensors import safe_open

        path = Path(path)
        if path.is_dir():
            index = path / "model.safetensors.index.json"
            path = index if index.is_file() else path / "model.safetensors"
        if not path.is_file():
            raise FileNotFoundError(f"no safetensors checkpoint at {path}: expected a "
                                    "model.safetensors file or model.safetensors.index.json")
        if path.name.endswith(".index.json"):
            weight_map = json.loads(path.read_text())["weight_map"]
            files = {name: path.parent / shard for name, shard in weight_map.items()}
        else:
            with safe_open(str(path), framework="pt") as handle:
                files = {name: path for name in handle.keys()}
        self.folder = path.parent
        self._files = files
        self._open = lambda file: safe_open(str(file), framework="pt")

    def __getitem__(self, name):
        with self._open(self._files[name]) as handle:
            return handle.get_tensor(name)

    def __iter__(self):
        return iter(self._files)

    def __len__(self):
        return len(self._files)

    def shards(self):
        """The distinct files behind this checkpoint, in name order."""
        return sorted(set(self._files.values()))


def config_from_hf(hf_config, dtype=None):
    """The book's config dict from a Hugging Face ``config.json`` (a dict or a path).

    Works for ``LlamaForCausalLM``, ``Qwen3ForCausalLM`` and ``Qwen3MoeForCausalLM`` configs,
    old (``rope_theta``, ``rope_scaling``) and new (``rope_parameters``). ``dtype`` defaults
    to the file's (``"bfloat16"`` -> ``torch.bfloat16``), else float32.

    Book: chapter 5 bonus; notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    if not isinstance(hf_config, Mapping):
        path = Path(hf_config)
        hf_config = json.loads((path / "config.json" if path.is_dir() else path).read_text())
    c = hf_config
    rope = dict(c.get("rope_parameters") or c.get("rope_scaling") or {})
    rope_base = rope.get("rope_theta", c.get("rope_theta", 10_000.0))
    rope_freq = None
    if rope.get("rope_type", rope.get("type")) == "llama3":
        rope_freq = {"factor": rope["factor"], "low_freq_factor": rope["low_freq_factor"],
                     "high_freq_factor": rope["high_freq_factor"],
                     "original_context_length": rope["original_max_position_embeddings"]}
    if dtype is None:
        name = c.get("dtype") or c.get("torch_dtype") or "float32"
        dtype = getattr(torch, str(name).removeprefix("torch."))
    n_heads = c["num_attention_heads"]
    cfg = {
        "vocab_size": c["vocab_size"], "context_length": c["max_position_embeddings"],
        "emb_dim": c["hidden_size"], "n_heads": n_heads, "n_layers": c["num_hidden_layers"],
        "hidden_dim": c["intermediate_size"],
        "head_dim": c.get("head_dim") or c["hidden_size"] // n_heads,
        "qk_norm": str(c.get("model_type", "")).startswith("qwen3"),
        "n_kv_groups": c.get("num_key_value_heads") or n_heads,
        "rope_base": float(rope_base), "rope_freq": rope_freq, "dtype": dtype,
        "tie_embeddings": bool(c.get("tie_word_embeddings", False)),
        "rms_norm_eps": c.get("rms_norm_eps", 1e-6),
    }
    num_experts = c.get("num_experts") or c.get("num_local_experts")  # names differ by version
    if num_experts:
        cfg.update(num_experts=num_experts, num_experts_per_tok=c["num_experts_per_tok"],
                   moe_intermediate_size=c["moe_intermediate_size"],
                   norm_topk_prob=bool(c.get("norm_topk_prob", False)))
    return cfg
