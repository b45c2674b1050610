"""The library on an accelerator (CUDA or MPS) computes what it computes on the CPU.

Each test builds a small model on the CPU, copies it to the accelerator that ``get_device()``
picks, and compares: logits, greedy tokens, cached decoding, a training run, a checkpoint saved
there and loaded on a CPU, batches built there. Skipped where no accelerator is present (CI has
none); on a GPU machine run ``python -m pytest tests/package/test_accelerator.py``.
``LLMSCRATCH_TEST_DEVICE=cpu`` runs the same comparisons CPU against CPU, which checks the tests
themselves on any machine; ``LLMSCRATCH_TEST_DEVICE=cuda:1`` picks another device.

What such a comparison catches: a tensor created on the CPU inside ``forward`` (a mask, positions,
RoPE tables not registered as buffers), an index or count left on the wrong device, a dtype that
the accelerator lacks (float64 on MPS), state that cannot follow the model (the MoE router's
scores once made ``copy.deepcopy`` fail, found by this file's first run).
"""

from __future__ import annotations

import copy
import os

import pytest
import torch

import llmscratch as L
from llmscratch.fast import quantize_for_generation, to_fast_model

GPT_CFG = dict(L.GPT_CONFIG_124M, vocab_size=500, context_length=64, emb_dim=48, n_heads=4,
               n_layers=2, drop_rate=0.1)
SMALL = dict(vocab_size=97, context_length=64, emb_dim=32, n_heads=4, n_layers=2, hidden_dim=40,
             n_kv_groups=2, dtype=torch.float32)
ATOL = 1e-4  # float32 on two devices: tiny models differ by about 1e-6 (TF32 is off)


@pytest.fixture(scope="module")
def device():
    forced = os.environ.get("LLMSCRATCH_TEST_DEVICE")
    if forced:
        return torch.device(forced)
    found = L.get_device()
    if found.type == "cpu":
        pytest.skip("needs a CUDA or MPS device (or LLMSCRATCH_TEST_DEVICE=cpu)")
    if found.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
    return found


def _max_diff(a, b):
    return (a.detach().cpu().double() - b.detach().cpu().double()).abs().max().item()


def _gpt(seed=0):
    torch.manual_seed(seed)
    return L.GPTModel(GPT_CFG).eval()


def test_gpt_logits_and_greedy_tokens_match_the_cpu(device):
    model = _gpt()
    ids = torch.randint(0, 500, (2, 40))
    moved = copy.deepcopy(model).to(device)
    with torch.no_grad():
        assert _max_diff(moved(ids.to(device)), model(ids)) < ATOL
    expected = L.generate(model, ids[:, :5], 20, 64)
    got = L.generate(moved, ids[:, :5].to(device), 20, 64)
    assert got.device.type == device.type
    assert torch.equal(got.cpu(), expected)


def test_cached_generation_past_the_context_matches_uncached(device):
    # 70 new tokens with a context of 64: the cache must drop its oldest entries on the device.
    model = _gpt(1).to(device)
    prompt = torch.randint(0, 500, (1, 6), device=device)
    cached = L.generate(model, prompt, 70, 64, use_cache=True)
    plain = L.generate(model, prompt, 70, 64)
    assert torch.equal(cached, plain)


def test_sampling_runs_on_the_device(device):
    model = _gpt(2).to(device)
    torch.manual_seed(5)
    out = L.generate(model, torch.zeros(2, 1, dtype=torch.long, device=device), 15, 64,
                     temperature=1.3, top_k=20)
    assert out.shape == (2, 16) and out.device.type == device.type
    assert int(out.max()) < 500


def test_fast_model_and_int8_decode_on_the_device(device):
    model = _gpt(3)
    ids = torch.randint(0, 500, (1, 8))
    expected = L.generate_text_simple_cached(model, ids, 20, 64)
    fast = to_fast_model(copy.deepcopy(model)).to(device).eval()
    with torch.no_grad():
        assert _max_diff(fast(ids.to(device)), model(ids)) < ATOL
    got = L.generate_text_simple_cached(fast, ids.to(device), 20, 64)
    assert torch.equal(got.cpu(), expected)
    low = quantize_for_generation(to_fast_model(copy.deepcopy(model)).to(device).eval())
    assert L.generate_text_simple_cached(low, ids.to(device), 20, 64).shape == expected.shape


@pytest.mark.parametrize("name", ["llama", "qwen", "qwen-moe"])
def test_llama_and_qwen_logits_match_the_cpu(device, name):
    if name == "llama":
        cls, cfg = L.Llama3Model, dict(L.LLAMA32_CONFIG_1B, **SMALL, rope_freq=dict(
            L.LLAMA32_CONFIG_1B["rope_freq"], original_context_length=16))
    elif name == "qwen":
        cls, cfg = L.Qwen3Model, dict(L.QWEN_CONFIG_06_B, **SMALL, head_dim=12)
    else:
        cls, cfg = L.Qwen3Model, dict(L.QWEN3_CONFIG_30B_A3B, **SMALL, head_dim=12,
                                      num_experts=6, num_experts_per_tok=2,
                                      moe_intermediate_size=20)
    torch.manual_seed(1)
    model = cls(cfg).eval()
    ids = torch.randint(0, 97, (2, 50))
    expected = model(ids)  # with gradients on, as in training: the copy below must still work
    moved = copy.deepcopy(model).to(device)
    with torch.no_grad():
        assert _max_diff(moved(ids.to(device)), expected) < ATOL
        # bfloat16, the released weights' dtype: close, not equal
        assert _max_diff(moved.to(torch.bfloat16)(ids.to(device)), expected) < 0.5


def test_training_on_the_device_lowers_the_loss_and_checkpoints_load_on_a_cpu(device, tmp_path):
    text = "Every effort moves you, and every step counts. " * 120
    torch.manual_seed(123)
    train = L.create_dataloader_v1(text, batch_size=2, max_length=32, stride=32)
    val = L.create_dataloader_v1(text[:800], batch_size=2, max_length=32, stride=32,
                                 shuffle=False)
    model = L.GPTModel(dict(GPT_CFG, vocab_size=50257)).to(device)
    optimizer = L.make_adamw(model, lr=1e-3, weight_decay=0.1)
    before = L.calc_loss_loader(val, model, device)
    L.train_model_simple(model, train, val, optimizer, device, num_epochs=1, eval_freq=1000,
                         eval_iter=1, start_context="Every effort",
                         tokenizer=L.get_gpt2_tokenizer())
    after = L.calc_loss_loader(val, model, device)
    assert after < before - 1.0
    path = tmp_path / "ckpt.pt"
    L.save_checkpoint(path, model, optimizer, step=7)
    on_cpu = L.GPTModel(dict(GPT_CFG, vocab_size=50257))
    restored = L.load_checkpoint(path, on_cpu, restore_rng=False)
    assert restored["step"] == 7
    for key, value in model.state_dict().items():
        assert torch.equal(on_cpu.state_dict()[key], value.cpu()), key


def test_batches_built_on_the_device(device):
    inputs, targets = L.custom_collate_fn([[1, 2, 3], [4, 5, 6, 7, 8]], device=device)
    assert inputs.device.type == device.type and targets.device.type == device.type
    classifier = L.convert_to_classifier(_gpt(4), num_classes=2).to(device)
    batches = [(torch.randint(0, 500, (3, 10)), torch.tensor([0, 1, 1]))]  # on the CPU
    assert 0.0 <= L.calc_accuracy_loader(batches, classifier, device) <= 1.0
    base = _gpt(5).to(device)
    adapted = copy.deepcopy(base)
    L.replace_linear_with_lora(adapted, rank=4, alpha=8)
    adapted.to(device)
    ids = torch.randint(0, 500, (2, 12), device=device)
    with torch.no_grad():  # LoRA's B starts at zero: the adapted model starts as the base
        assert _max_diff(adapted(ids), base(ids)) < ATOL
