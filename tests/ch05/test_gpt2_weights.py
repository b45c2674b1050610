"""GPT-2 weights: our loader against Hugging Face ``transformers`` on checkpoints made here.

The published weights cannot be downloaded on the test machines, so each test writes a
``GPT2LMHeadModel`` with random weights to a temporary folder with ``save_pretrained``
(a ``model.safetensors`` in exactly the published layout), loads it with llmscratch, and compares
at three levels: logits, greedy token ids, decoded text.
"""

from __future__ import annotations

import pytest
import torch

from llmscratch import (
    GPTModel,
    config_from_settings,
    download_and_load_gpt2,
    generate_text_simple,
    get_gpt2_tokenizer,
    load_gpt2_safetensors,
    load_pretrained_gpt2,
    load_weights_into_gpt,
)

transformers = pytest.importorskip("transformers")


pytestmark = pytest.mark.usefixtures("one_thread")


def _hf_model(tmp_path, n_layer, n_embd, n_head, n_positions, seed=0):
    """A GPT2LMHeadModel with every tensor random (biases and norms too), saved to tmp_path."""
    torch.manual_seed(seed)
    config = transformers.GPT2Config(n_layer=n_layer, n_embd=n_embd, n_head=n_head,
                                     n_positions=n_positions, vocab_size=50257)
    hf = transformers.GPT2LMHeadModel(config).eval()
    with torch.no_grad():
        for name, p in hf.named_parameters():
            if "ln_" in name and name.endswith("weight"):
                p.uniform_(0.5, 1.5)  # layer-norm scales around 1
            else:
                p.normal_(0.0, 0.05 if p.ndim > 1 else 0.1)
    hf.save_pretrained(tmp_path)
    return hf


def _compare_with_hf(hf, model, prompt_len=8, new_tokens=10):
    tok = get_gpt2_tokenizer()
    ids = torch.tensor([tok.encode("Every effort moves you forward, step by step")[:prompt_len]])
    with torch.no_grad():
        ours = model(ids)
        theirs = hf(ids).logits
    # Invariant: the loaded model computes GPT-2's logits (within float rounding).
    assert (ours - theirs).abs().max().item() < 1e-4
    greedy_ours = generate_text_simple(model, ids, max_new_tokens=new_tokens,
                                       context_size=model.pos_emb.num_embeddings)
    greedy_hf = hf.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False,
                            max_new_tokens=new_tokens, min_new_tokens=new_tokens,
                            pad_token_id=tok.eot_token)
    # Invariant: greedy decoding picks the same ids, hence the same text.
    assert greedy_ours.tolist() == greedy_hf.tolist()
    assert tok.decode(greedy_ours[0].tolist()) == tok.decode(greedy_hf[0].tolist())


def test_tiny_checkpoint_matches_transformers(tmp_path):
    hf = _hf_model(tmp_path, n_layer=2, n_embd=32, n_head=4, n_positions=32)
    settings, params = load_gpt2_safetensors(tmp_path / "model.safetensors")
    # Invariant: settings use the book's hparams.json keys, read from the file and config.json.
    assert settings == {"n_vocab": 50257, "n_ctx": 32, "n_embd": 32, "n_head": 4, "n_layer": 2}
    model = GPTModel(config_from_settings(settings)).eval()
    load_weights_into_gpt(model, params)
    _compare_with_hf(hf, model)


def test_prefixed_state_dict_and_book_nested_params_load_the_same(tmp_path):
    hf = _hf_model(tmp_path, n_layer=2, n_embd=32, n_head=4, n_positions=32)
    settings, saved = load_gpt2_safetensors(tmp_path / "model.safetensors")
    # save_pretrained writes "transformer.h.0..."; the published GPT-2 files have no prefix.
    params = {k.removeprefix("transformer."): v for k, v in saved.items()}
    assert "wte.weight" in params and "lm_head.weight" not in params
    cfg = config_from_settings(settings)
    a, b, c = GPTModel(cfg), GPTModel(cfg), GPTModel(cfg)
    load_weights_into_gpt(a, params)
    load_weights_into_gpt(b, hf.state_dict())  # prefixed, with lm_head.weight and mask buffers
    nested = {"wte": params["wte.weight"].numpy(), "wpe": params["wpe.weight"].numpy(),
              "g": params["ln_f.weight"].numpy(), "b": params["ln_f.bias"].numpy(),
              "blocks": [{
                  "attn": {l: {"w": params[f"h.{i}.attn.{l}.weight"].numpy(),
                               "b": params[f"h.{i}.attn.{l}.bias"].numpy()}
                           for l in ("c_attn", "c_proj")},
                  "mlp": {l: {"w": params[f"h.{i}.mlp.{l}.weight"].numpy(),
                              "b": params[f"h.{i}.mlp.{l}.bias"].numpy()}
                          for l in ("c_fc", "c_proj")},
                  "ln_1": {"g": params[f"h.{i}.ln_1.weight"].numpy(),
                           "b": params[f"h.{i}.ln_1.bias"].numpy()},
                  "ln_2": {"g": params[f"h.{i}.ln_2.weight"].numpy(),
                           "b": params[f"h.{i}.ln_2.bias"].numpy()},
              } for i in range(2)]}
    load_weights_into_gpt(c, nested)  # the book's TensorFlow-style dict of NumPy arrays
    for key, value in a.state_dict().items():
        # Invariant: all three input forms give identical weights.
        assert torch.equal(value, b.state_dict()[key]), key
        assert torch.equal(value, c.state_dict()[key]), key
    # Invariant: the fused c_attn is split in q, k, v order and transposed for nn.Linear.
    c_attn = params["h.0.attn.c_attn.weight"]  # (emb_dim, 3 * emb_dim)
    assert torch.equal(a.trf_blocks[0].att.W_key.weight, c_attn[:, 32:64].t())
    # Invariant: the output head is a copy of the token embedding (GPT-2 ties them).
    assert torch.equal(a.out_head.weight, a.tok_emb.weight)


def test_shape_mismatch_names_the_tensor_and_both_shapes(tmp_path):
    _hf_model(tmp_path, n_layer=2, n_embd=32, n_head=4, n_positions=32)
    settings, params = load_gpt2_safetensors(tmp_path / "model.safetensors")
    cfg = {**config_from_settings(settings), "context_length": 8}
    # Invariant: a wrong config is reported with the tensor names and both shapes.
    with pytest.raises(ValueError, match=r"pos_emb.weight <- wpe.weight: model \(8, 32\), "
                                         r"checkpoint \(32, 32\)"):
        load_weights_into_gpt(GPTModel(cfg), params)
    # Invariant: a model without query/key/value biases is refused with the fix.
    with pytest.raises(ValueError, match="\"qkv_bias\": True in its config dict"):
        load_weights_into_gpt(GPTModel({**config_from_settings(settings), "qkv_bias": False}),
                              params)
    # Invariant: a depth mismatch says how many blocks the checkpoint has.
    with pytest.raises(ValueError, match="has 2 transformer blocks but the model has 3"):
        load_weights_into_gpt(GPTModel({**config_from_settings(settings), "n_layers": 3}),
                              params)


def test_damaged_weights_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "model.safetensors"
    path.write_bytes(b"\x00" * 100)
    # Invariant: a damaged file says to download it again rather than failing obscurely.
    with pytest.raises(ValueError, match="download it again"):
        load_gpt2_safetensors(path)


@pytest.mark.slow
def test_124m_shape_matches_transformers_and_loads_through_the_asset_lookup(
        tmp_path, monkeypatch):
    hf = _hf_model(tmp_path / "124M", n_layer=12, n_embd=768, n_head=12, n_positions=1024)
    monkeypatch.setenv("LLMSCRATCH_CACHE_DIR", str(tmp_path / "cache"))
    settings, params = download_and_load_gpt2("124M", models_dir=tmp_path)
    # Invariant: the 124M settings are the book's hparams.json values.
    assert settings == {"n_vocab": 50257, "n_ctx": 1024, "n_embd": 768, "n_head": 12,
                        "n_layer": 12}
    model = GPTModel(config_from_settings(settings)).eval()
    load_weights_into_gpt(model, params)
    _compare_with_hf(hf, model, prompt_len=8, new_tokens=5)
    del model, params
    # Invariant: the one-liner finds the same file and returns a ready model in eval mode.
    quick = load_pretrained_gpt2("gpt2-small", models_dir=tmp_path, context_length=64)
    assert not quick.training and quick.pos_emb.num_embeddings == 64
    ids = torch.tensor([[464, 3290, 373]])
    with torch.no_grad():
        assert (quick(ids) - hf(ids).logits).abs().max().item() < 1e-4
