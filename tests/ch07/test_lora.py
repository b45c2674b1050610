"""Tests for llmscratch.lora: the low-rank layer, wrapping every Linear, counts and merging."""

from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from llmscratch import GPTModel, model_config
from llmscratch.lora import (
    LinearWithLoRA,
    LoRALayer,
    freeze_parameters,
    merge_lora,
    replace_linear_with_lora,
)


def _trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def _randomize_b(model, scale=0.05):
    """Pretend the adapters were trained: give every B non-zero values."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, LoRALayer):
                module.B.normal_(0.0, scale)


def test_lora_layer_shapes_init_and_formula(seed):
    layer = LoRALayer(in_dim=6, out_dim=4, rank=2, alpha=3.0)
    x = torch.randn(5, 6)
    # Invariant: A is (in_dim, rank), B is (rank, out_dim) and starts at zero.
    assert layer.A.shape == (6, 2) and layer.B.shape == (2, 4)
    assert torch.count_nonzero(layer.B) == 0 and torch.count_nonzero(layer.A) > 0
    # Invariant: a fresh adapter outputs zeros.
    assert torch.equal(layer(x), torch.zeros(5, 4))
    _randomize_b(layer)
    # Invariant: the update is alpha * x @ A @ B (the book's scaling, not alpha / rank).
    assert torch.allclose(layer(x), 3.0 * x @ layer.A @ layer.B, atol=1e-6)
    # Invariant: rank * (in_dim + out_dim) parameters.
    assert sum(p.numel() for p in layer.parameters()) == 2 * (6 + 4)
    with pytest.raises(ValueError, match="rank"):
        LoRALayer(6, 4, rank=0, alpha=1)


def test_lora_layer_a_is_initialised_like_a_linear_weight():
    torch.manual_seed(0)
    layer = LoRALayer(64, 8, rank=16, alpha=1)
    bound = 1 / 16**0.5  # kaiming_uniform_ with a=sqrt(5) on (64, 16): fan_in is dim 1 = 16
    # Invariant: A is uniform within +-1/sqrt(fan_in), like nn.Linear's default weight init.
    assert layer.A.abs().max() <= bound and layer.A.abs().max() > 0.9 * bound


def test_linear_with_lora_starts_equal_and_exposes_features(seed):
    linear = nn.Linear(8, 3)
    wrapped = LinearWithLoRA(linear, rank=4, alpha=2)
    x = torch.randn(2, 5, 8)
    # Invariant: with B = 0 the wrapped layer computes exactly the original layer.
    assert torch.equal(wrapped(x), linear(x))
    # Invariant: code that reads in_features/out_features off a Linear keeps working.
    assert (wrapped.in_features, wrapped.out_features) == (8, 3)
    # Invariant: the book's state_dict keys.
    assert set(wrapped.state_dict()) == {"linear.weight", "linear.bias", "lora.A", "lora.B"}


def test_replace_linear_with_lora_on_gpt_keeps_outputs(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    reference = copy.deepcopy(model)
    n_linear = sum(isinstance(m, nn.Linear) for m in model.modules())
    idx = torch.randint(0, tiny_cfg["vocab_size"], (2, 10))
    replace_linear_with_lora(model, rank=4, alpha=8)
    # Invariant: every Linear is wrapped (4 attention + 2 feed-forward per block + out_head).
    assert n_linear == 6 * tiny_cfg["n_layers"] + 1
    assert sum(isinstance(m, LinearWithLoRA) for m in model.modules()) == n_linear
    assert not any(isinstance(m, nn.Linear) for name, m in model.named_modules()
                   if not name.endswith(".linear"))
    assert "trf_blocks.0.att.W_query.lora.A" in model.state_dict()
    # Invariant: B starts at zero, so the model's outputs do not change.
    with torch.no_grad():
        assert torch.equal(model(idx), reference(idx))
    # Invariant: calling it again does not stack a second adapter.
    replace_linear_with_lora(model, rank=4, alpha=8)
    assert sum(isinstance(m, LinearWithLoRA) for m in model.modules()) == n_linear


def test_gpt2_small_classifier_has_2666528_lora_parameters():
    cfg = model_config("gpt2-small (124M)", qkv_bias=True)
    with torch.device("meta"):  # shapes only: counting needs no memory and no init time
        model = GPTModel(cfg)
        model.out_head = nn.Linear(cfg["emb_dim"], 2)  # the chapter-6 classifier head
    freeze_parameters(model)
    # Invariant: everything frozen first, as the book does before adding adapters.
    assert _trainable(model) == 0
    replace_linear_with_lora(model, rank=16, alpha=16)
    # Invariant: the book's count for rank 16 (appendix E).
    assert _trainable(model) == 2_666_528
    # Invariant: only the adapters are trainable.
    assert all(("lora." in name) == p.requires_grad for name, p in model.named_parameters())


def test_merge_gives_the_same_outputs(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    plain_keys = set(model.state_dict())
    replace_linear_with_lora(model, rank=4, alpha=2)
    _randomize_b(model)  # non-zero adapters (see the next test: they change the outputs)
    idx = torch.randint(0, tiny_cfg["vocab_size"], (2, 12))
    with torch.no_grad():
        before = model(idx)
        merge_lora(model)
        after = model(idx)
    # Invariant: merging the adapters into the weights keeps the outputs.
    assert torch.allclose(after, before, atol=1e-5)
    # Invariant: the merged model is a plain GPTModel again, with the original keys.
    assert set(model.state_dict()) == plain_keys
    assert not any(isinstance(m, (LinearWithLoRA, LoRALayer)) for m in model.modules())


def test_adapters_change_outputs_once_b_is_nonzero(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    reference = copy.deepcopy(model)
    replace_linear_with_lora(model, rank=4, alpha=2)
    _randomize_b(model)
    idx = torch.randint(0, tiny_cfg["vocab_size"], (1, 8))
    with torch.no_grad():
        # Invariant: a non-zero B does change the outputs (merge test would be vacuous otherwise).
        assert (model(idx) - reference(idx)).abs().max() > 1e-3


def test_training_updates_only_the_adapters(tiny_cfg, seed):
    model = GPTModel(tiny_cfg)
    freeze_parameters(model)
    replace_linear_with_lora(model, rank=4, alpha=4)
    frozen = {k: v.clone() for k, v in model.state_dict().items() if "lora" not in k}
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    idx = torch.randint(0, 200, (4, 12))
    losses = []
    for _ in range(15):
        logits = model(idx[:, :-1])
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), idx[:, 1:].flatten())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    # Invariant: the adapters learn (the loss falls) ...
    assert losses[-1] < losses[0] - 0.5
    # ... while every original weight stays exactly as it was.
    for key, value in frozen.items():
        assert torch.equal(model.state_dict()[key], value), key


def test_merge_accepts_look_alike_adapter_classes(seed):
    class MyLoRA(nn.Module):  # what a notebook or a learner might define
        def __init__(self, linear):
            super().__init__()
            self.linear = linear
            self.lora = LoRALayer(linear.in_features, linear.out_features, 2, 3.0)

        def forward(self, x):
            return self.linear(x) + self.lora(x)

    model = nn.Sequential(MyLoRA(nn.Linear(5, 4)))
    _randomize_b(model)
    x = torch.randn(3, 5)
    with torch.no_grad():
        before = model(x)
        merge_lora(model)
        # Invariant: duck-typed adapters are merged too, with the same outputs.
        assert isinstance(model[0], nn.Linear)
        assert torch.allclose(model(x), before, atol=1e-6)
