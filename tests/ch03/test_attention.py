"""Tests for llmscratch.attention (chapter 3).

Three kinds of evidence: the book's printed numbers under the book's seeds, an equivalence chain
(v1 = v2 = causal = wrapper = MHA = SDPA = combined QKV = einsum = torch.nn.MultiheadAttention on
shared weights), and properties (causality, rows summing to one, dropout only in training, the KV
cache agreeing with a full forward).
"""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from llmscratch import (
    CausalAttention,
    MultiHeadAttention,
    MultiHeadAttentionCombinedQKV,
    MultiHeadAttentionEinsum,
    MultiHeadAttentionSDPA,
    MultiHeadAttentionWrapper,
    SelfAttention_v1,
    SelfAttention_v2,
    get_attention_weights,
    to_torch_multihead_attention,
)

# "Your journey starts with one step", embedded in 3 dimensions (book §3.3.1)
INPUTS = torch.tensor(
    [[0.43, 0.15, 0.89],  # Your
     [0.55, 0.87, 0.66],  # journey
     [0.57, 0.85, 0.64],  # starts
     [0.22, 0.58, 0.33],  # with
     [0.77, 0.25, 0.10],  # one
     [0.05, 0.80, 0.55]]  # step
)
BATCH = torch.stack((INPUTS, INPUTS), dim=0)  # (2, 6, 3), as in §3.5.3
BOOK_ATOL = 1e-4  # the book prints 4 decimals


def causal_hidden(num_tokens):
    """Boolean mask in PyTorch's convention: True = this key is hidden from this query."""
    return torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool), diagonal=1)


# --- the book's printed numbers -------------------------------------------------------------------


def test_self_attention_v1_book_numbers():
    torch.manual_seed(123)
    sa_v1 = SelfAttention_v1(d_in=3, d_out=2)
    expected = torch.tensor([[0.2996, 0.8053], [0.3061, 0.8210], [0.3058, 0.8203],
                             [0.2948, 0.7939], [0.2927, 0.7891], [0.2990, 0.8040]])
    # invariant: seed 123 + query/key/value creation order reproduce the book's §3.4.2 output
    torch.testing.assert_close(sa_v1(INPUTS).detach(), expected, atol=BOOK_ATOL, rtol=0)


def test_self_attention_v2_book_numbers():
    torch.manual_seed(789)
    sa_v2 = SelfAttention_v2(d_in=3, d_out=2)
    expected = torch.tensor([[-0.0739, 0.0713], [-0.0748, 0.0703], [-0.0749, 0.0702],
                             [-0.0760, 0.0685], [-0.0763, 0.0679], [-0.0754, 0.0693]])
    # invariant: the nn.Linear version with seed 789 gives the book's printed context vectors
    torch.testing.assert_close(sa_v2(INPUTS).detach(), expected, atol=BOOK_ATOL, rtol=0)


def test_causal_weights_book_numbers():
    torch.manual_seed(789)
    sa_v2 = SelfAttention_v2(d_in=3, d_out=2)
    ca = CausalAttention(d_in=3, d_out=2, context_length=6, dropout=0.0)
    ca.load_state_dict(sa_v2.state_dict(), strict=False)  # same W_query/W_key/W_value names
    weights = get_attention_weights(ca, INPUTS.unsqueeze(0))[0]
    expected = torch.tensor([
        [1.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000],
        [0.5517, 0.4483, 0.0000, 0.0000, 0.0000, 0.0000],
        [0.3800, 0.3097, 0.3103, 0.0000, 0.0000, 0.0000],
        [0.2758, 0.2460, 0.2462, 0.2319, 0.0000, 0.0000],
        [0.2175, 0.1983, 0.1984, 0.1888, 0.1971, 0.0000],
        [0.1935, 0.1663, 0.1666, 0.1542, 0.1666, 0.1529]])
    # invariant: the -inf mask before softmax gives the book's masked weights of §3.5.1
    torch.testing.assert_close(weights, expected, atol=BOOK_ATOL, rtol=0)


CAUSAL_BOOK = [[-0.4519, 0.2216], [-0.5874, 0.0058], [-0.6300, -0.0632],
               [-0.5675, -0.0843], [-0.5526, -0.0981], [-0.5299, -0.1081]]
SECOND_HEAD_BOOK = [[0.4772, 0.1063], [0.5891, 0.3257], [0.6202, 0.3860],
                    [0.5478, 0.3589], [0.5321, 0.3428], [0.5077, 0.3493]]
MHA_BOOK = [[0.3190, 0.4858], [0.2943, 0.3897], [0.2856, 0.3593],
            [0.2693, 0.3873], [0.2639, 0.3928], [0.2575, 0.4028]]


def test_causal_attention_book_numbers():
    torch.manual_seed(123)
    ca = CausalAttention(d_in=3, d_out=2, context_length=6, dropout=0.0)
    out = ca(BATCH).detach()
    # invariant: output shape (b, num_tokens, d_out) and the book's §3.5.3 values for both rows
    assert out.shape == (2, 6, 2)
    torch.testing.assert_close(out, torch.tensor([CAUSAL_BOOK] * 2), atol=BOOK_ATOL, rtol=0)


def test_wrapper_book_numbers():
    torch.manual_seed(123)
    mha = MultiHeadAttentionWrapper(d_in=3, d_out=2, context_length=6, dropout=0.0, num_heads=2)
    expected = torch.tensor([[a + b for a, b in zip(CAUSAL_BOOK, SECOND_HEAD_BOOK)]] * 2)
    # invariant: heads are created one after the other, so head 0 equals the CausalAttention above
    torch.testing.assert_close(mha(BATCH).detach(), expected, atol=BOOK_ATOL, rtol=0)


@pytest.mark.parametrize("cls", [MultiHeadAttention, MultiHeadAttentionSDPA,
                                 MultiHeadAttentionEinsum])
def test_multihead_book_numbers(cls):
    torch.manual_seed(123)
    mha = cls(d_in=3, d_out=2, context_length=6, dropout=0.0, num_heads=2)
    # invariant: W_query, W_key, W_value, out_proj created in the book's order -> §3.6.2 output
    torch.testing.assert_close(mha(BATCH).detach(), torch.tensor([MHA_BOOK] * 2),
                               atol=BOOK_ATOL, rtol=0)


# --- the equivalence chain ------------------------------------------------------------------------


def test_v1_equals_v2_after_weight_transfer():
    torch.manual_seed(0)
    sa_v1, sa_v2 = SelfAttention_v1(3, 2), SelfAttention_v2(3, 2)
    for name in ("W_query", "W_key", "W_value"):
        # nn.Linear stores (d_out, d_in); v1 multiplies x @ W with W of shape (d_in, d_out)
        getattr(sa_v1, name).data = getattr(sa_v2, name).weight.data.T
    # invariant: v1 and v2 compute the same function, only the weight layout differs
    torch.testing.assert_close(sa_v1(INPUTS), sa_v2(INPUTS))


def test_v2_equals_causal_without_mask_and_on_last_row():
    torch.manual_seed(0)
    sa_v2 = SelfAttention_v2(3, 4)
    ca = CausalAttention(3, 4, context_length=6, dropout=0.0)
    ca.load_state_dict(sa_v2.state_dict(), strict=False)
    causal = ca(INPUTS.unsqueeze(0))[0]
    # invariant: the last token sees every token, so causal and full attention agree there
    torch.testing.assert_close(causal[-1], sa_v2(INPUTS)[-1])
    # invariant: with an all-zero mask, CausalAttention is SelfAttention_v2 with a batch dimension
    ca.mask.zero_()
    torch.testing.assert_close(ca(INPUTS.unsqueeze(0))[0], sa_v2(INPUTS))


def mha_from_wrapper(wrapper, context_length):
    """A MultiHeadAttention whose projections stack the wrapper's heads and out_proj = identity."""
    heads = wrapper.heads
    d_in, head_out = heads[0].W_query.in_features, heads[0].d_out
    mha = MultiHeadAttention(d_in, head_out * len(heads), context_length, 0.0, len(heads))
    with torch.no_grad():
        for name in ("W_query", "W_key", "W_value"):
            getattr(mha, name).weight.copy_(torch.cat([getattr(h, name).weight for h in heads]))
        mha.out_proj.weight.copy_(torch.eye(mha.d_out))
        mha.out_proj.bias.zero_()
    return mha


def test_wrapper_equals_multihead_with_stacked_weights():
    torch.manual_seed(1)
    wrapper = MultiHeadAttentionWrapper(8, 3, context_length=7, dropout=0.0, num_heads=4).eval()
    x = torch.randn(2, 7, 8)
    one_head = MultiHeadAttentionWrapper(8, 3, context_length=7, dropout=0.0, num_heads=1)
    one_head.heads[0].load_state_dict(wrapper.heads[0].state_dict())
    # invariant: a one-head wrapper is exactly its CausalAttention head
    torch.testing.assert_close(one_head(x), wrapper.heads[0](x))
    # invariant: splitting one big projection into heads == running separate heads
    torch.testing.assert_close(mha_from_wrapper(wrapper, 7).eval()(x), wrapper(x))


@pytest.mark.parametrize("qkv_bias", [False, True])
def test_all_multihead_variants_agree(qkv_bias):
    torch.manual_seed(2)
    d, heads, ctx = 16, 4, 10
    mha = MultiHeadAttention(d, d, ctx, 0.1, heads, qkv_bias=qkv_bias).eval()
    sdpa = MultiHeadAttentionSDPA(d, d, ctx, 0.1, heads, qkv_bias=qkv_bias).eval()
    einsum = MultiHeadAttentionEinsum(d, d, ctx, 0.1, heads, qkv_bias=qkv_bias).eval()
    sdpa.load_state_dict(mha.state_dict())  # invariant: the book's state_dict loads unchanged
    einsum.load_state_dict(mha.state_dict())
    combined = MultiHeadAttentionCombinedQKV(d, d, ctx, 0.1, heads, qkv_bias).load_from_mha(mha)
    torch_mha = to_torch_multihead_attention(mha).eval()
    x = torch.randn(3, 9, d)
    ref = mha(x)
    torch_out, _ = torch_mha(x, x, x, attn_mask=causal_hidden(9), need_weights=False)
    for name, out in [("sdpa", sdpa(x)), ("einsum", einsum(x)), ("combined", combined.eval()(x)),
                      ("torch.nn.MultiheadAttention", torch_out)]:
        # invariant: every implementation computes the book's MHA on the same weights (1e-5)
        torch.testing.assert_close(out, ref, atol=1e-5, rtol=0, msg=f"{name} differs from MHA")


def test_state_dict_keys_are_the_books():
    mha = MultiHeadAttention(4, 4, 5, 0.0, 2)
    # (a module's own buffers come before its children's entries, in the book's code too)
    expected = ["mask", "W_query.weight", "W_key.weight", "W_value.weight", "out_proj.weight",
                "out_proj.bias"]
    # invariant: exactly the book's keys, in the book's order; the KV cache is not among them
    assert list(mha.state_dict()) == expected
    mha(torch.rand(1, 3, 4), use_cache=True)
    assert list(mha.state_dict()) == expected
    assert list(MultiHeadAttentionSDPA(4, 4, 5, 0.0, 2).state_dict()) == expected
    with_bias = MultiHeadAttention(4, 4, 5, 0.0, 2, qkv_bias=True).state_dict()
    assert "W_query.bias" in with_bias and "W_value.bias" in with_bias


def test_mask_is_a_buffer_that_follows_the_module():
    ca = CausalAttention(3, 2, 6, 0.0)
    # invariant: the mask is saved with the module but is not a trainable parameter
    assert "mask" in ca.state_dict() and "mask" not in dict(ca.named_parameters())
    ca = ca.to(torch.float64)
    # invariant: .to(...) converts buffers too (the same mechanism moves it with .to(device))
    assert ca.mask.dtype == torch.float64
    assert ca(BATCH.double()).dtype == torch.float64


def test_gpt2_small_attention_parameter_count():
    mha = MultiHeadAttention(768, 768, context_length=1024, dropout=0.0, num_heads=12)
    # invariant: 3 * 768 * 768 (Q, K, V) + 768 * 768 + 768 (out_proj) = 2,360,064 parameters
    assert sum(p.numel() for p in mha.parameters()) == 2_360_064


# --- properties -----------------------------------------------------------------------------------

CAUSAL_FACTORIES = {
    "causal": lambda d: CausalAttention(d, d, 8, 0.0),
    "wrapper": lambda d: MultiHeadAttentionWrapper(d, d // 2, 8, 0.0, num_heads=2),
    "mha": lambda d: MultiHeadAttention(d, d, 8, 0.0, num_heads=2),
    "sdpa": lambda d: MultiHeadAttentionSDPA(d, d, 8, 0.0, num_heads=2),
    "combined": lambda d: MultiHeadAttentionCombinedQKV(d, d, 8, 0.0, num_heads=2),
    "einsum": lambda d: MultiHeadAttentionEinsum(d, d, 8, 0.0, num_heads=2),
}


@settings(max_examples=15, deadline=None)
@given(kind=st.sampled_from(sorted(CAUSAL_FACTORIES)), num_tokens=st.integers(2, 8),
       data=st.data(), seed=st.integers(0, 2**16))
def test_future_tokens_never_change_earlier_outputs(kind, num_tokens, data, seed):
    torch.manual_seed(seed)
    module = CAUSAL_FACTORIES[kind](6).eval()
    cut = data.draw(st.integers(1, num_tokens - 1), label="first changed position")
    x = torch.randn(2, num_tokens, 6)
    changed = x.clone()
    changed[:, cut:] = torch.randn(2, num_tokens - cut, 6) * 5
    with torch.no_grad():
        a, b = module(x), module(changed)
    # invariant: outputs at positions < cut depend only on tokens < cut
    torch.testing.assert_close(a[:, :cut], b[:, :cut], atol=1e-5, rtol=0)
    # and the changed tokens do change the later outputs (the test can fail)
    assert not torch.allclose(a[:, cut:], b[:, cut:], atol=1e-4)


@settings(max_examples=15, deadline=None)
@given(kind=st.sampled_from(["causal", "wrapper", "mha", "combined", "einsum"]),
       num_tokens=st.integers(1, 8), scale=st.floats(0.01, 50.0), seed=st.integers(0, 2**16))
def test_attention_weights_are_causal_and_sum_to_one(kind, num_tokens, scale, seed):
    torch.manual_seed(seed)
    module = CAUSAL_FACTORIES[kind](6)
    weights = get_attention_weights(module, torch.randn(2, num_tokens, 6) * scale)
    # invariant: every row is a probability distribution over the keys
    torch.testing.assert_close(weights.sum(-1), torch.ones(weights.shape[:-1]))
    assert (weights >= 0).all()
    # invariant: nothing above the diagonal (no weight on future tokens)
    assert (weights.triu(diagonal=1) == 0).all()


@pytest.mark.parametrize("kind", sorted(CAUSAL_FACTORIES))
def test_dropout_only_in_training(kind):
    torch.manual_seed(3)
    d = 8
    make = {
        "causal": lambda p: CausalAttention(d, d, 8, p),
        "wrapper": lambda p: MultiHeadAttentionWrapper(d, d // 2, 8, p, num_heads=2),
        "mha": lambda p: MultiHeadAttention(d, d, 8, p, 2),
        "sdpa": lambda p: MultiHeadAttentionSDPA(d, d, 8, p, 2),
        "combined": lambda p: MultiHeadAttentionCombinedQKV(d, d, 8, p, 2),
        "einsum": lambda p: MultiHeadAttentionEinsum(d, d, 8, p, 2),
    }[kind]
    with_dropout, without = make(0.5), make(0.0)
    without.load_state_dict(with_dropout.state_dict())
    x = torch.randn(2, 8, d)
    with torch.no_grad():
        # invariant: in eval mode dropout is off: same output as a dropout-free twin, every call
        torch.testing.assert_close(with_dropout.eval()(x), without.eval()(x))
        torch.testing.assert_close(with_dropout(x), with_dropout(x))
        # invariant: in training mode dropout changes the output
        assert not torch.allclose(with_dropout.train()(x), without(x), atol=1e-4)


# --- the KV cache ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [MultiHeadAttention, MultiHeadAttentionSDPA])
@pytest.mark.parametrize("chunks", [[1] * 7, [4, 1, 1, 1], [3, 2, 2], [7]])
def test_cached_steps_equal_full_forward(cls, chunks):
    torch.manual_seed(4)
    mha = cls(8, 8, context_length=7, dropout=0.0, num_heads=2, qkv_bias=True).eval()
    x = torch.randn(2, 7, 8)
    with torch.no_grad():
        full = mha(x)
        pieces, start = [], 0
        mha.reset_cache()
        for n in chunks:
            pieces.append(mha(x[:, start:start + n], use_cache=True))
            start += n
    # invariant: a prompt then chunks through the cache == one forward over all tokens
    torch.testing.assert_close(torch.cat(pieces, dim=1), full, atol=1e-5, rtol=0)
    # invariant: the cache holds (b, num_heads, tokens seen, head_dim)
    assert mha.cache_k.shape == mha.cache_v.shape == (2, 2, 7, 4)


def test_cache_is_untouched_without_use_cache_and_reset_clears_it():
    mha = MultiHeadAttention(4, 4, 6, 0.0, 2)
    x = torch.rand(1, 3, 4)
    mha(x, use_cache=True)
    cached = mha.cache_k
    mha(x)
    # invariant: use_cache=False neither reads nor writes the cache
    assert mha.cache_k is cached
    mha.reset_cache()
    assert mha.cache_k is None and mha.cache_v is None


def test_cache_overflow_and_batch_mismatch_raise():
    mha = MultiHeadAttention(4, 4, context_length=4, dropout=0.0, num_heads=2)
    mha(torch.rand(1, 3, 4), use_cache=True)
    # invariant: the cache never grows beyond context_length; the caller must crop and refill
    with pytest.raises(ValueError, match="context_length=4"):
        mha(torch.rand(1, 2, 4), use_cache=True)
    with pytest.raises(ValueError, match="reset_cache"):
        mha(torch.rand(2, 1, 4), use_cache=True)


# --- clear errors ---------------------------------------------------------------------------------


def test_bad_inputs_give_clear_errors():
    mha = MultiHeadAttention(4, 4, 5, 0.0, 2)
    # invariant: each misuse names the problem and the fix
    with pytest.raises(ValueError, match="unsqueeze"):
        mha(torch.rand(3, 4))
    with pytest.raises(ValueError, match="d_in=4"):
        mha(torch.rand(1, 3, 5))
    with pytest.raises(ValueError, match="crop"):
        mha(torch.rand(1, 6, 4))
    for cls in (MultiHeadAttention, MultiHeadAttentionCombinedQKV):
        with pytest.raises(ValueError, match="divisible"):
            cls(4, 6, 5, 0.0, 4)
    with pytest.raises(ValueError, match="CausalAttention for batches"):
        SelfAttention_v2(3, 2)(BATCH)
    with pytest.raises(ValueError, match="d_in == d_out"):
        to_torch_multihead_attention(MultiHeadAttention(3, 4, 5, 0.0, 2))
    with pytest.raises(TypeError, match="not MultiHeadAttentionSDPA"):
        get_attention_weights(MultiHeadAttentionSDPA(4, 4, 5, 0.0, 2), torch.rand(1, 3, 4))


def test_get_attention_weights_restores_training_mode():
    mha = MultiHeadAttention(4, 4, 5, 0.5, 2).train()
    weights = get_attention_weights(mha, torch.rand(1, 5, 4))
    # invariant: the helper runs in eval mode (no dropout) and then puts the module back
    assert mha.training
    assert weights.shape == (1, 2, 5, 5)
    torch.testing.assert_close(weights.sum(-1), torch.ones(1, 2, 5))


# --- the benchmark script still runs --------------------------------------------------------------


def test_benchmark_quick_smoke(capsys):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "attention_variants.py"
    spec = importlib.util.spec_from_file_location("_attention_variants", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.main(["--quick", "--repeats", "1", "--warmup", "0", "--no-backward",
                           "--device", "cpu"])
    # invariant: the six timed implementations compute the same function before being timed
    assert len(results["max_diff"]) == 6
    assert max(results["max_diff"].values()) < 1e-5
    # invariant: ratios are relative to the book's MHA
    assert results["forward_ratio"]["book MHA"] == 1.0
    assert "ratio" in capsys.readouterr().out
