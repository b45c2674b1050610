"""SwiGLU and mixture-of-experts feed-forwards (llmscratch.moe).

References: transformers' Qwen3-MoE sparse block and its load-balancing loss, a dense SwiGLU
(one expert, top-1), and a dense mixture written here (every expert, softmax weights). Kept
mutants show the routing and loss checks can fail.
"""

from __future__ import annotations

import copy

import pytest
import torch
import torch.nn.functional as F

from llmscratch.model import GPTModel
from llmscratch.moe import MoEFeedForward, SwiGLUFeedForward, load_balancing_loss

transformers = pytest.importorskip("transformers")

# (emb_dim, moe_intermediate_size, num_experts, num_experts_per_tok, num_tokens)
MOE_CASES = [(16, 24, 4, 2, 5), (24, 12, 6, 3, 7), (8, 20, 3, 1, 9)]


def _max_diff(a, b):
    return (a.double() - b.double()).abs().max().item()


def _moe(emb_dim, hidden, experts, k, norm=True, seed=0):
    torch.manual_seed(seed)
    return MoEFeedForward({"emb_dim": emb_dim, "moe_intermediate_size": hidden,
                           "num_experts": experts, "num_experts_per_tok": k,
                           "norm_topk_prob": norm})


@pytest.mark.parametrize("emb_dim, hidden", [(16, 24), (12, 40)])
def test_one_expert_top_1_is_the_dense_swiglu(emb_dim, hidden):
    layer = _moe(emb_dim, hidden, 1, 1)
    dense = SwiGLUFeedForward({"emb_dim": emb_dim, "hidden_dim": hidden})
    with torch.no_grad():
        for name in ("fc1", "fc2", "fc3"):
            getattr(dense, name).weight.copy_(getattr(layer, name)[0].weight)
    x = torch.randn(2, 5, emb_dim)
    # Invariant: a single expert always chosen with weight 1 is the plain SwiGLU layer.
    assert _max_diff(layer(x), dense(x)) < 1e-6


def _dense_mixture(layer, x):
    """All experts, weighted by the router's full softmax (what top-k = num_experts gives)."""
    probs = torch.softmax(layer.gate(x), dim=-1)
    outs = torch.stack([layer.fc3[e](F.silu(layer.fc1[e](x)) * layer.fc2[e](x))
                        for e in range(layer.num_experts)], dim=-1)
    return (outs * probs[..., None, :]).sum(-1)


def test_top_k_equal_to_all_experts_is_the_dense_mixture():
    layer = _moe(16, 24, 4, 4)
    x = torch.randn(3, 6, 16)
    # Invariant: choosing every expert reproduces the softmax-weighted dense mixture.
    assert _max_diff(layer(x), _dense_mixture(layer, x)) < 1e-6


def test_routing_worked_example():
    layer = _moe(4, 8, 4, 2)
    with torch.no_grad():
        layer.gate.weight.copy_(torch.diag(torch.tensor([2.0, 0.0, 1.0, -1.0])))
    experts, weights = layer.route(torch.ones(1, 4))
    # Invariant: the docstring's example: experts 0 and 2, weights 0.731 and 0.269.
    assert experts.tolist() == [[0, 2]]
    assert torch.allclose(weights, torch.tensor([[0.7311, 0.2689]]), atol=1e-4)


def _hf_block(layer, norm):
    from transformers import Qwen3MoeConfig
    from transformers.models.qwen3_moe.modeling_qwen3_moe import Qwen3MoeSparseMoeBlock

    cfg = Qwen3MoeConfig(hidden_size=layer.gate.in_features,
                         moe_intermediate_size=layer.fc1[0].out_features,
                         num_experts=layer.num_experts,
                         num_experts_per_tok=layer.num_experts_per_tok, norm_topk_prob=norm)
    block = Qwen3MoeSparseMoeBlock(cfg)
    state = {"gate.weight": layer.gate.weight,
             "experts.gate_up_proj": torch.stack([torch.cat([layer.fc1[e].weight,
                                                             layer.fc2[e].weight])
                                                  for e in range(layer.num_experts)]),
             "experts.down_proj": torch.stack([f.weight for f in layer.fc3])}
    block.load_state_dict(state)
    return block


@pytest.mark.parametrize("case", MOE_CASES)
@pytest.mark.parametrize("norm", [True, False])
def test_moe_matches_transformers_qwen3_moe_block(case, norm):
    emb_dim, hidden, experts, k, num_tokens = case
    layer = _moe(emb_dim, hidden, experts, k, norm=norm, seed=num_tokens)
    x = torch.randn(2, num_tokens, emb_dim)
    # Invariant: our routing and experts give transformers' Qwen3-MoE block output.
    assert _max_diff(layer(x), _hf_block(layer, norm)(x)) < 1e-5


def test_routing_without_renormalisation_mutant_is_caught(monkeypatch):
    layer = _moe(16, 24, 4, 2, norm=True)
    x = torch.randn(2, 5, 16)
    reference = _hf_block(layer, True)(x)
    # Kept mutant: the top-k weights taken from the full softmax, not renormalised to sum to 1.
    monkeypatch.setattr(layer, "norm_topk_prob", False)
    assert _max_diff(layer(x), reference) > 1e-3


def _wrong_loss(router_logits, num_experts_per_tok):
    """Kept mutant: the mean router probability taken over the chosen experts only."""
    num_experts = router_logits.shape[-1]
    probs = torch.softmax(router_logits, dim=-1)
    top_p, chosen = torch.topk(probs, num_experts_per_tok, dim=-1)
    share = F.one_hot(chosen, num_experts).float().mean(0)
    kept = torch.zeros_like(probs).scatter(1, chosen, top_p)
    return num_experts * (share * kept.mean(0)[None, :]).sum()


def _check_loss_against_transformers(loss_fn):
    from transformers.models.qwen3_moe.modeling_qwen3_moe import load_balancing_loss_func

    torch.manual_seed(3)
    for experts, k in [(4, 2), (8, 3), (5, 1)]:
        logits = torch.randn(11, experts)
        expected = load_balancing_loss_func((logits,), experts, k)
        assert abs(loss_fn(logits, k).item() - expected.item()) < 1e-6, (experts, k)


def test_load_balancing_loss_matches_transformers_and_its_limits():
    # Invariant: the same auxiliary loss as transformers' Qwen3-MoE ...
    _check_loss_against_transformers(load_balancing_loss)
    # ... and the check rejects a plausible wrong version (kept mutant).
    with pytest.raises(AssertionError):
        _check_loss_against_transformers(_wrong_loss)
    # Invariant: a uniform router scores k; a collapsed, certain one scores num_experts.
    assert abs(load_balancing_loss(torch.zeros(8, 4), 2).item() - 2.0) < 1e-6
    collapsed = torch.tensor([[50.0, 0, 0, 0]]).repeat(6, 1)
    assert abs(load_balancing_loss(collapsed, 1).item() - 4.0) < 1e-6


def test_moe_drops_into_gpt_and_trains(tiny_cfg):
    torch.manual_seed(4)
    model = GPTModel({**tiny_cfg, "vocab_size": 64})
    cfg = {"emb_dim": tiny_cfg["emb_dim"], "moe_intermediate_size": 24, "num_experts": 4,
           "num_experts_per_tok": 2}
    for block in model.trf_blocks:
        block.ff = MoEFeedForward(cfg)
    idx = torch.randint(0, 64, (2, 8))
    logits = model(idx)
    aux = sum(load_balancing_loss(b.ff.last_router_logits, 2) for b in model.trf_blocks)
    loss = F.cross_entropy(logits.flatten(0, 1), idx.flatten()) + 0.01 * aux
    loss.backward()
    # Invariant: the router learns through the mixing weights and the auxiliary loss.
    assert model.trf_blocks[0].ff.gate.weight.grad.abs().sum() > 0


def test_a_model_with_moe_can_be_copied_after_a_forward_pass(monkeypatch):
    # Regression: the router scores kept for the auxiliary loss are part of the forward pass's
    # graph, and copy.deepcopy refuses such a tensor; a DPO reference model is made this way.
    torch.manual_seed(6)
    moe = MoEFeedForward({"emb_dim": 8, "moe_intermediate_size": 12, "num_experts": 3,
                          "num_experts_per_tok": 2})
    x = torch.randn(2, 5, 8)
    out = moe(x)
    twin = copy.deepcopy(moe)
    assert twin.last_router_logits is None and moe.last_router_logits is not None
    torch.testing.assert_close(twin(x), out, rtol=0, atol=0)
    assert twin.gate.weight is not moe.gate.weight  # a real copy, not shared weights
    # Mutant kept: without MoEFeedForward.__deepcopy__ the copy fails after a forward pass.
    monkeypatch.delattr(MoEFeedForward, "__deepcopy__")
    moe(x)
    with pytest.raises(RuntimeError, match="deepcopy"):
        copy.deepcopy(moe)
