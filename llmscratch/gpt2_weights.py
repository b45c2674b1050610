"""Chapter 5 (Book §5.5): OpenAI's pretrained GPT-2 weights in our ``GPTModel``, no TensorFlow.

The book downloads OpenAI's TensorFlow checkpoint and reads it with TensorFlow. We read the
same weights from the Hugging Face ``model.safetensors`` files (assets ``gpt2-small``,
``gpt2-medium``, ``gpt2-large``, ``gpt2-xl``; see ``llmscratch.assets``), which need only the
``safetensors`` package.

Inside:

- ``download_and_load_gpt2(model_size, models_dir)``: find or download the file, return
  ``(settings, params)``; ``settings`` has the book's hparams.json keys (``n_vocab``, ``n_ctx``,
  ``n_embd``, ``n_head``, ``n_layer``), ``params`` is the flat Hugging Face state dict.
- ``load_gpt2_safetensors(path)``: the same for a file you already have (for example one written
  by ``transformers``' ``save_pretrained``).
- ``load_weights_into_gpt(gpt, params)``: copy those tensors into a ``GPTModel``. A key-mapping
  table says where each tensor goes; one loop copies them, checking every shape.
- ``load_pretrained_gpt2("gpt2-small")``: the one-liner that returns a ready model.

Two layout differences between Hugging Face's GPT-2 and ours are handled in the table: GPT-2's
``Conv1D`` layers store weights as (in, out) where ``nn.Linear`` wants (out, in), so they are
transposed; and GPT-2 keeps query, key and value in one fused ``c_attn`` tensor of width
``3 * emb_dim``, which is split into ``W_query``, ``W_key`` and ``W_value``. GPT-2 ties its output
head to the token embedding, so ``out_head.weight`` receives a copy of ``wte``.

Try it: ``python ch05_pretraining/generate_text.py --model gpt2-small --prompt "Every effort"``.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch

# model_size (OpenAI's folder names, used by the book) -> asset name in llmscratch.assets
GPT2_ASSETS = {"124M": "gpt2-small", "355M": "gpt2-medium", "774M": "gpt2-large",
               "1558M": "gpt2-xl"}

# GPTModel key <- Hugging Face GPT-2 key, and how the tensor is changed on the way:
# "T" transposes a Conv1D weight; "q", "k", "v" take one third of the fused c_attn tensor.
_TOP_LEVEL_MAP = [
    ("tok_emb.weight", "wte.weight", None),
    ("pos_emb.weight", "wpe.weight", None),
    ("final_norm.scale", "ln_f.weight", None),
    ("final_norm.shift", "ln_f.bias", None),
    ("out_head.weight", "lm_head.weight", None),  # tied to wte in GPT-2
]
_BLOCK_MAP = [  # inside trf_blocks.{i} <- inside h.{i}
    ("att.W_query.weight", "attn.c_attn.weight", "q.T"),
    ("att.W_key.weight", "attn.c_attn.weight", "k.T"),
    ("att.W_value.weight", "attn.c_attn.weight", "v.T"),
    ("att.W_query.bias", "attn.c_attn.bias", "q"),
    ("att.W_key.bias", "attn.c_attn.bias", "k"),
    ("att.W_value.bias", "attn.c_attn.bias", "v"),
    ("att.out_proj.weight", "attn.c_proj.weight", "T"),
    ("att.out_proj.bias", "attn.c_proj.bias", None),
    ("ff.layers.0.weight", "mlp.c_fc.weight", "T"),
    ("ff.layers.0.bias", "mlp.c_fc.bias", None),
    ("ff.layers.2.weight", "mlp.c_proj.weight", "T"),
    ("ff.layers.2.bias", "mlp.c_proj.bias", None),
    ("norm1.scale", "ln_1.weight", None),
    ("norm1.shift", "ln_1.bias", None),
    ("norm2.scale", "ln_2.weight", None),
    ("norm2.shift", "ln_2.bias", None),
]
# Buffers some GPT-2 files carry (the causal mask); our attention builds its own.
_IGNORED_SUFFIXES = (".attn.bias", ".attn.masked_bias")


def _convert(tensor, how):
    """Apply one table entry's change: None, "T", "q"/"k"/"v", or "q.T"/"k.T"/"v.T"."""
    if how is None:
        return tensor
    if how == "T":
        return tensor.t()
    part = tensor.chunk(3, dim=-1)["qkv".index(how[0])]  # (emb, 3*emb) -> (emb, emb)
    return part.t() if how.endswith(".T") else part


def _from_book_params(params):
    """Flatten the book's nested TensorFlow-style dict (``params["blocks"][i]["attn"]...``)."""
    flat = {"wte.weight": params["wte"], "wpe.weight": params["wpe"],
            "ln_f.weight": params["g"], "ln_f.bias": params["b"]}
    for i, block in enumerate(params["blocks"]):
        for group, layers in block.items():  # "attn" / "mlp" / "ln_1" / "ln_2"
            if group.startswith("ln_"):
                flat[f"h.{i}.{group}.weight"] = layers["g"]
                flat[f"h.{i}.{group}.bias"] = layers["b"]
                continue
            for layer, tensors in layers.items():
                flat[f"h.{i}.{group}.{layer}.weight"] = tensors["w"]
                flat[f"h.{i}.{group}.{layer}.bias"] = tensors["b"]
    return {k: torch.as_tensor(v) for k, v in flat.items()}


def _normalise(params):
    """Hugging Face key names without the ``transformer.`` prefix; lm_head filled from wte."""
    if "blocks" in params:
        params = _from_book_params(params)
    out = {k.removeprefix("transformer."): v for k, v in params.items()
           if not k.endswith(_IGNORED_SUFFIXES)}
    if "lm_head.weight" not in out and "wte.weight" in out:
        out["lm_head.weight"] = out["wte.weight"]
    if "wte.weight" not in out and "lm_head.weight" in out:  # some savers keep only the head
        out["wte.weight"] = out["lm_head.weight"]
    return out


def load_weights_into_gpt(gpt, params):
    """Copy GPT-2 weights into ``gpt`` (a ``GPTModel`` built with ``qkv_bias=True``), in place.

    ``params``: a Hugging Face GPT-2 state dict (keys like ``h.0.attn.c_attn.weight``, with or
    without the ``transformer.`` prefix of ``GPT2LMHeadModel``), as returned by
    ``download_and_load_gpt2`` or ``safetensors.torch.load_file``; the book's nested dict of
    NumPy arrays is accepted too. Every model tensor must be filled and every checkpoint tensor
    used; a shape mismatch raises ``ValueError`` naming both tensors and both shapes, for example
    ``pos_emb.weight <- wpe.weight: model (256, 768), checkpoint (1024, 768)``.

    Book: §5.5; notebook: ch05_pretraining/ch05.ipynb
    """
    params = _normalise(params)
    n_layers = len(gpt.trf_blocks)
    n_src = len({k.split(".")[1] for k in params if k.startswith("h.")})
    if n_src != n_layers:
        raise ValueError(f"the checkpoint has {n_src} transformer blocks but the model has "
                         f"{n_layers}: build the model with n_layers={n_src}")
    table = list(_TOP_LEVEL_MAP) + [(f"trf_blocks.{i}.{dst}", f"h.{i}.{src}", how)
                                    for i in range(n_layers) for dst, src, how in _BLOCK_MAP]
    own = gpt.state_dict()
    if "trf_blocks.0.att.W_query.bias" not in own:
        raise ValueError("GPT-2's query/key/value layers have biases, but this model was built "
                         "with qkv_bias=False: set \"qkv_bias\": True in its config dict "
                         "(model_config(size, qkv_bias=True) does so)")
    used = set()
    with torch.no_grad():
        for dst, src, how in table:
            if src not in params:
                raise ValueError(f"the checkpoint has no tensor {src!r} (needed for {dst}); is "
                                 "it a GPT-2 checkpoint?")
            value = _convert(params[src], how)
            if own[dst].shape != value.shape:
                raise ValueError(f"shape mismatch for {dst} <- {src}: model "
                                 f"{tuple(own[dst].shape)}, checkpoint {tuple(value.shape)}; "
                                 "build the model with the checkpoint's config")
            own[dst].copy_(value)  # state_dict tensors share storage with the parameters
            used.add(src)
    unused = sorted(set(params) - used)
    if unused:
        raise ValueError(f"checkpoint tensors not used by GPTModel: {unused[:5]}")
    return gpt


def _settings_from(params, n_head):
    """The book's hparams keys, read off the tensor shapes (the head count cannot be)."""
    params = _normalise(params)
    n_vocab, n_embd = params["wte.weight"].shape
    return {"n_vocab": int(n_vocab), "n_ctx": int(params["wpe.weight"].shape[0]),
            "n_embd": int(n_embd), "n_head": int(n_head),
            "n_layer": len({k.split(".")[1] for k in params if k.startswith("h.")})}


def load_gpt2_safetensors(path, n_head=None):
    """Read a GPT-2 ``model.safetensors`` and return ``(settings, params)``.

    The head count comes from ``n_head``, else from a ``config.json`` beside the file (what
    ``save_pretrained`` writes), else from the published size with the same width.

    Book: §5.5 (our replacement for the TensorFlow reader); notebook: ch05_pretraining/ch05.ipynb
    """
    from safetensors.torch import load_file

    path = Path(path)
    try:
        params = load_file(str(path))
    except Exception as err:
        raise ValueError(f"cannot read {path} as safetensors ({err}); the file is damaged or "
                         "not a weights file: delete it and download it again") from err
    if n_head is None and (path.parent / "config.json").is_file():
        n_head = json.loads((path.parent / "config.json").read_text()).get("n_head")
    if n_head is None:
        from llmscratch.model import GPT2_CONFIGS

        width = _normalise(params)["wte.weight"].shape[1]
        known = {c["emb_dim"]: c["n_heads"] for c in GPT2_CONFIGS.values()}
        if width not in known:
            raise ValueError(f"{path}: embedding width {width} is not a published GPT-2 size; "
                             "pass n_head=...")
        n_head = known[width]
    return _settings_from(params, n_head), params


def download_and_load_gpt2(model_size, models_dir=None):
    """Find (or download) GPT-2 weights of ``model_size`` and return ``(settings, params)``.

    ``model_size``: "124M", "355M", "774M" or "1558M". The file is looked for in ``models_dir``
    (as ``<models_dir>/<model_size>/model.safetensors`` or ``<models_dir>/gpt2/<model_size>/...``),
    then in ``LLMSCRATCH_DATA_DIR`` and the user cache, then downloaded with a progress bar
    (into ``models_dir`` when given). Offline with no copy, ``AssetError`` says where to put it.
    A copy in the data dir or cache must have the published size (sha256 on download); a file in
    ``models_dir`` may be any GPT-2 of that size saved in the published format (for example by
    ``transformers``' ``save_pretrained``).
    Example: ``settings, params = download_and_load_gpt2("124M", "gpt2")`` gives
    ``settings == {"n_vocab": 50257, "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_layer": 12}``.

    Book: §5.5; notebook: ch05_pretraining/ch05.ipynb
    """
    from llmscratch.assets import ASSETS, fetch_asset, find_asset, get_asset_path
    from llmscratch.model import model_config

    if model_size not in GPT2_ASSETS:
        raise ValueError(f"model_size {model_size!r} is not one of {tuple(GPT2_ASSETS)}")
    name = GPT2_ASSETS[model_size]
    path = None
    if models_dir is not None:
        for candidate in (Path(models_dir) / model_size / "model.safetensors",
                          Path(models_dir) / ASSETS[name].relpath):
            if candidate.is_file():  # your own folder: any GPT-2 of this size in the published
                path = candidate      # format; the loader checks every tensor's name and shape
                break
    if path is None:
        found = find_asset(name)
        if found is not None or models_dir is None:
            path = get_asset_path(name)
        else:
            path = fetch_asset(name, dest_dir=models_dir)
    cfg = model_config(model_size)
    settings, params = load_gpt2_safetensors(path, n_head=cfg["n_heads"])
    expected = (cfg["vocab_size"], cfg["context_length"], cfg["emb_dim"], cfg["n_layers"])
    if (settings["n_vocab"], settings["n_ctx"], settings["n_embd"],
            settings["n_layer"]) != expected:
        raise ValueError(f"{path} does not hold GPT-2 {model_size}: found {settings}; delete "
                         "it and download it again")
    return settings, params


def config_from_settings(settings, drop_rate=0.0):
    """Our GPT config dict for GPT-2 ``settings`` (qkv_bias on, as OpenAI trained it).

    Book: §5.5 (``NEW_CONFIG``); notebook: ch05_pretraining/ch05.ipynb
    """
    return {"vocab_size": settings["n_vocab"], "context_length": settings["n_ctx"],
            "emb_dim": settings["n_embd"], "n_heads": settings["n_head"],
            "n_layers": settings["n_layer"], "drop_rate": drop_rate, "qkv_bias": True}


def load_pretrained_gpt2(name="gpt2-small", models_dir=None, device=None, drop_rate=0.0,
                         context_length=None):
    """A ``GPTModel`` holding OpenAI's GPT-2 weights, in eval mode, on ``device``.

    ``name``: "gpt2-small", "gpt2-medium", "gpt2-large", "gpt2-xl", the book's keys such as
    "gpt2-small (124M)", or a size tag like "124M". ``context_length`` below 1024 keeps the
    first rows of the position embedding (a smaller, cheaper model for short texts).
    Example: ``model = load_pretrained_gpt2("gpt2-small")``.

    Book: §5.5; notebook: ch05_pretraining/ch05.ipynb
    """
    from llmscratch.model import GPTModel, model_config

    size = model_config(name)  # also validates the name
    model_size = next(tag for tag, asset in GPT2_ASSETS.items()
                      if model_config(asset)["emb_dim"] == size["emb_dim"])
    settings, params = download_and_load_gpt2(model_size, models_dir)
    cfg = config_from_settings(settings, drop_rate)
    if context_length is not None:
        if not 1 <= context_length <= settings["n_ctx"]:
            raise ValueError(f"context_length must be in 1..{settings['n_ctx']}, "
                             f"got {context_length}")
        cfg["context_length"] = context_length
        params = {**params}
        key = next(k for k in params if k.removeprefix("transformer.") == "wpe.weight")
        params[key] = params[key][:context_length]
    model = GPTModel(cfg)
    load_weights_into_gpt(model, params)
    if device is not None:
        model.to(device)
    return model.eval()
