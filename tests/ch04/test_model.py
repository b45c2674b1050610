"""Tests for llmscratch.model (chapter 4): configs, layers, GPTModel, sizes, the KV-cache forward.

Tiny configs everywhere except the few tests that need the real 124M shape (parameter counts and
the book's seeded continuation), which share one model built once per module.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from llmscratch import (
    CONFIG_KEYS,
    GELU,
    GPT2_CONFIGS,
    GPT_CONFIG_124M,
    FeedForward,
    GPTModel,
    LayerNorm,
    MultiHeadAttention,
    TransformerBlock,
    count_parameters,
    count_parameters_from_config,
    kv_cache_bytes,
    model_config,
    parameter_memory_mb,
    validate_config,
)
from llmscratch.model import _SQRT_2_OVER_PI

pytestmark = pytest.mark.usefixtures("one_thread")


# --- configs -------------------------------------------------------------------------------


def test_book_config_values():
    # invariant: GPT_CONFIG_124M is the book's config, key for key
    assert GPT_CONFIG_124M == {
        "vocab_size": 50257,
        "context_length": 1024,
        "emb_dim": 768,
        "n_heads": 12,
        "n_layers": 12,
        "drop_rate": 0.1,
        "qkv_bias": False,
    }
    # invariant: the validator accepts the book's config and returns it unchanged
    assert validate_config(GPT_CONFIG_124M) is GPT_CONFIG_124M


def test_gpt2_sizes():
    sizes = {name: (c["emb_dim"], c["n_layers"], c["n_heads"]) for name, c in GPT2_CONFIGS.items()}
    # invariant: the four published GPT-2 shapes (width, depth, heads)
    assert sizes == {
        "gpt2-small (124M)": (768, 12, 12),
        "gpt2-medium (355M)": (1024, 24, 16),
        "gpt2-large (774M)": (1280, 36, 20),
        "gpt2-xl (1558M)": (1600, 48, 25),
    }
    # invariant: the small size is exactly the book's 124M config
    assert GPT2_CONFIGS["gpt2-small (124M)"] == GPT_CONFIG_124M


@pytest.mark.parametrize(
    "name, emb_dim",
    [
        ("124M", 768),
        ("gpt2-small", 768),
        ("gpt2-small (124M)", 768),
        ("Small", 768),
        ("355M", 1024),
        ("gpt2-medium", 1024),
        ("gpt2-large (774M)", 1280),
        ("774m", 1280),
        ("gpt2-xl", 1600),
        ("1558M", 1600),
        ("1.5B", 1600),
    ],
)
def test_model_config_aliases(name, emb_dim):
    # invariant: every accepted spelling of a size resolves to that size
    assert model_config(name)["emb_dim"] == emb_dim


def test_model_config_overrides_and_copies():
    cfg = model_config("gpt2-medium", qkv_bias=True, context_length=256)
    # invariant: overrides win over the size's defaults
    assert cfg["qkv_bias"] is True and cfg["context_length"] == 256
    cfg["n_layers"] = 1
    # invariant: the returned dict is a fresh copy; the table is never mutated
    assert GPT2_CONFIGS["gpt2-medium (355M)"]["n_layers"] == 24
    with pytest.raises(ValueError, match="unknown GPT-2 size 'gpt3'.*gpt2-small"):
        model_config("gpt3")


@pytest.mark.parametrize("key", CONFIG_KEYS)
def test_validate_names_missing_key(key, tiny_cfg):
    del tiny_cfg[key]
    # invariant: a missing key is named in the error
    with pytest.raises(ValueError, match=f"missing.*'{key}'"):
        validate_config(tiny_cfg)


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("n_heads", 5, "'emb_dim' \\(32\\) must be divisible by 'n_heads' \\(5\\)"),
        ("emb_dim", 0, "'emb_dim' must be a positive int"),
        ("n_layers", 2.0, "'n_layers' must be a positive int"),
        ("vocab_size", True, "'vocab_size' must be a positive int"),
        ("drop_rate", 1.0, "'drop_rate' must be a number in \\[0, 1\\)"),
        ("drop_rate", "0.1", "'drop_rate'"),
        ("qkv_bias", 0, "'qkv_bias' must be True or False"),
    ],
)
def test_validate_names_bad_value(key, value, message, tiny_cfg):
    tiny_cfg[key] = value
    # invariant: a wrong value is rejected with a message naming the key
    with pytest.raises(ValueError, match=message):
        validate_config(tiny_cfg)
    # invariant: GPTModel validates before building anything
    with pytest.raises(ValueError, match=key):
        GPTModel(tiny_cfg)


def test_validate_rejects_non_mapping():
    # invariant: a non-dict config gets a clear message, not an AttributeError
    with pytest.raises(ValueError, match="must be a dict"):
        validate_config([("emb_dim", 32)])


# --- layers --------------------------------------------------------------------------------


def test_layer_norm_worked_example():
    ln = LayerNorm(4)
    out = ln(torch.tensor([[1.0, 2.0, 3.0, 4.0]]))
    # invariant: biased variance (1.25) and eps inside the sqrt, as in the docstring example
    expected = (torch.tensor([1.0, 2.0, 3.0, 4.0]) - 2.5) / (1.25 + 1e-5) ** 0.5
    torch.testing.assert_close(out[0], expected)


def test_layer_norm_matches_torch(seed):
    ln = LayerNorm(6)
    with torch.no_grad():
        ln.scale.uniform_(0.5, 1.5)
        ln.shift.uniform_(-1, 1)
    x = torch.randn(2, 3, 6) * 4 + 3
    out = ln(x)
    # invariant: equal to PyTorch's layer_norm with the same affine parameters and eps
    torch.testing.assert_close(out, F.layer_norm(x, (6,), ln.scale, ln.shift, eps=1e-5))
    plain = LayerNorm(6)(x)
    # invariant: with the initial scale/shift, each row has mean 0 and (biased) variance 1
    torch.testing.assert_close(plain.mean(-1), torch.zeros(2, 3), atol=1e-5, rtol=0)
    torch.testing.assert_close(plain.var(-1, unbiased=False), torch.ones(2, 3), atol=1e-3, rtol=0)
    # invariant: the book's parameter names
    assert set(dict(ln.named_parameters())) == {"scale", "shift"}


def test_gelu_matches_torch_tanh_approximation():
    x = torch.linspace(-6, 6, 241)
    # invariant: the tanh approximation, as torch computes it
    torch.testing.assert_close(GELU()(x), F.gelu(x, approximate="tanh"))
    # invariant: the docstring's worked values
    torch.testing.assert_close(
        GELU()(torch.tensor([-1.0, 0.0, 1.0])),
        torch.tensor([-0.1588, 0.0, 0.8412]),
        atol=1e-4,
        rtol=0,
    )


class _OneStepOffGELU(GELU):
    """Mutant: sqrt(2/pi) one float32 step below the book's value. (``math.sqrt``, the rounded
    constant a learner might write, is that on some CPUs and the book's own value on others:
    PyTorch's float32 square root gave 0.79788452 on an Intel Xeon, 0.79788458 on a Zen 4.)"""

    constant = float(torch.nextafter(torch.tensor(_SQRT_2_OVER_PI), torch.tensor(0.0)))

    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(self.constant * (x + 0.044715 * x**3)))


def test_gelu_is_bit_for_bit_the_books_when_installed():
    book = pytest.importorskip("llms_from_scratch.ch04")
    x = torch.linspace(-6, 6, 24_001)
    # invariant: the same float32 operations as the book's GELU, so the same bits
    assert torch.equal(GELU()(x), book.GELU()(x))
    # the check notices a one-step change of the constant
    assert not torch.equal(_OneStepOffGELU()(x), book.GELU()(x))


def test_feed_forward_shape_and_structure(tiny_cfg, seed):
    ff = FeedForward(tiny_cfg)
    x = torch.randn(2, 5, 32)
    # invariant: (batch, tokens, emb_dim) in and out
    assert ff(x).shape == (2, 5, 32)
    shapes = {k: tuple(v.shape) for k, v in ff.state_dict().items()}
    # invariant: book keys, 4x expansion and contraction
    assert shapes == {
        "layers.0.weight": (128, 32),
        "layers.0.bias": (128,),
        "layers.2.weight": (32, 128),
        "layers.2.bias": (32,),
    }
    # invariant: the middle layer is our GELU
    assert isinstance(ff.layers[1], GELU)


def test_block_parameter_split_124m():
    block = TransformerBlock(GPT_CONFIG_124M)
    # invariant: the book's exercise 4.1 numbers for one 124M block
    assert count_parameters(block.ff) == 4_722_432
    assert count_parameters(block.att) == 2_360_064
    # invariant: the block's attention is chapter 3's module
    assert isinstance(block.att, MultiHeadAttention)


def test_block_is_pre_norm_with_shortcuts(tiny_cfg, seed):
    block = TransformerBlock(tiny_cfg).eval()
    x = torch.randn(2, 6, 32)
    out = block(x)
    # invariant: same shape as the input
    assert out.shape == x.shape
    # invariant: out = h + ff(norm2(h)) with h = x + att(norm1(x)) (pre-norm, two shortcuts)
    h = x + block.att(block.norm1(x))
    torch.testing.assert_close(out, h + block.ff(block.norm2(h)))
    # invariant: with both sub-layers silenced, the shortcuts pass x through unchanged
    with torch.no_grad():
        for layer in (block.att.out_proj, block.ff.layers[2]):
            layer.weight.zero_()
            layer.bias.zero_()
    torch.testing.assert_close(block(x), x)


# --- the model -----------------------------------------------------------------------------


def test_gpt_model_state_dict_keys(tiny_cfg, seed):
    model = GPTModel(tiny_cfg)
    keys = set(model.state_dict())
    expected_top = {"tok_emb.weight", "pos_emb.weight", "final_norm.scale", "final_norm.shift",
                    "out_head.weight"}
    # invariant: the book's top-level names (out_head without bias)
    assert expected_top <= keys
    block0 = {k.removeprefix("trf_blocks.0.") for k in keys if k.startswith("trf_blocks.0.")}
    # invariant: the book's block names
    assert block0 == {
        "att.W_query.weight", "att.W_key.weight", "att.W_value.weight", "att.out_proj.weight",
        "att.out_proj.bias", "att.mask", "ff.layers.0.weight", "ff.layers.0.bias",
        "ff.layers.2.weight", "ff.layers.2.bias", "norm1.scale", "norm1.shift", "norm2.scale",
        "norm2.shift",
    }
    # invariant: one block per layer
    assert len(model.trf_blocks) == 2


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.bfloat16])
def test_gpt_model_shapes_and_dtype(tiny_cfg, seed, dtype):
    model = GPTModel(tiny_cfg).to(dtype).eval()
    idx = torch.randint(0, 50257, (3, 7))
    logits = model(idx)
    # invariant: logits (batch, tokens, vocab) in the model's dtype
    assert logits.shape == (3, 7, 50257) and logits.dtype == dtype
    # invariant: finite numbers
    assert torch.isfinite(logits).all()


def test_gpt_model_is_causal_and_uses_positions(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    idx = torch.randint(0, 50257, (1, 8))
    changed = idx.clone()
    changed[0, 5] = (idx[0, 5] + 1) % 50257
    a, b = model(idx), model(changed)
    # invariant: a later token never changes earlier logits
    torch.testing.assert_close(a[:, :5], b[:, :5])
    # invariant: it does change its own and later positions
    assert not torch.allclose(a[:, 5:], b[:, 5:])
    same = torch.full((1, 4), 42)
    out = model(same)
    # invariant: identical tokens at different positions get different logits (pos_emb is used)
    assert not torch.allclose(out[0, 0], out[0, 3])


def test_gpt_model_too_long_input_says_crop(tiny_cfg, seed):
    model = GPTModel(tiny_cfg)
    # invariant: more tokens than context_length raise a ValueError that says what to do
    with pytest.raises(ValueError, match="context_length is 16.*crop"):
        model(torch.zeros(1, 17, dtype=torch.long))


@pytest.mark.parametrize("chunks", [[9], [1] * 9, [4, 1, 1, 3], [5, 4], [1, 8]])
def test_cached_forward_equals_full_forward(tiny_cfg, seed, chunks):
    model = GPTModel(tiny_cfg).eval()
    idx = torch.randint(0, 50257, (2, sum(chunks)))
    full = model(idx)
    model.reset_kv_cache()
    pieces, start = [], 0
    for n in chunks:
        pieces.append(model(idx[:, start : start + n], use_cache=True))
        start += n
    # invariant: feeding the sequence in chunks through the cache gives the full-forward logits
    torch.testing.assert_close(torch.cat(pieces, dim=1), full, atol=1e-5, rtol=1e-5)
    # invariant: positions continue from the cached length
    assert model.current_pos == sum(chunks)


def test_reset_kv_cache(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    idx = torch.randint(0, 50257, (1, 10))
    first = model(idx, use_cache=True)
    # invariant: past the context the cached forward refuses clearly instead of misplacing
    with pytest.raises(ValueError, match="10 cached \\+ 7 new.*reset_kv_cache"):
        model(torch.zeros(1, 7, dtype=torch.long), use_cache=True)
    model.reset_kv_cache()
    # invariant: reset empties every attention cache and restarts positions at 0
    assert model.current_pos == 0
    assert all(b.att.cache_k is None and b.att.cache_v is None for b in model.trf_blocks)
    # invariant: after a reset the same input gives the same logits again
    torch.testing.assert_close(model(idx, use_cache=True), first)
    # invariant: the cache never enters the state_dict
    assert not any("cache" in k for k in model.state_dict())


def test_kv_cache_bytes_matches_real_cache(tiny_cfg, seed):
    model = GPTModel(tiny_cfg).eval()
    model(torch.randint(0, 50257, (3, 11)), use_cache=True)
    held = sum(
        t.numel() * t.element_size()
        for b in model.trf_blocks
        for t in (b.att.cache_k, b.att.cache_v)
    )
    # invariant: the formula matches the tensors the cache actually holds
    assert kv_cache_bytes(tiny_cfg, batch_size=3, num_tokens=11) == held
    # invariant: GPT-2 small, one full sequence in float32: 72 MiB
    assert kv_cache_bytes(GPT_CONFIG_124M) == 72 * 2**20


@pytest.mark.parametrize("qkv_bias", [False, True])
@pytest.mark.parametrize("emb_dim, n_heads, n_layers", [(32, 4, 2), (24, 3, 1), (48, 6, 3)])
def test_count_parameters_from_config_matches_model(tiny_cfg, qkv_bias, emb_dim, n_heads,
                                                    n_layers):
    cfg = {**tiny_cfg, "vocab_size": 101, "emb_dim": emb_dim, "n_heads": n_heads,
           "n_layers": n_layers, "qkv_bias": qkv_bias}
    model = GPTModel(cfg)
    # invariant: the analytic count equals the instantiated model, untied and tied
    assert count_parameters_from_config(cfg) == count_parameters(model)
    assert count_parameters_from_config(cfg, weight_tying=True) == count_parameters(
        model, weight_tying=True
    )


def test_count_parameters_with_real_tying(tiny_cfg, seed):
    model = GPTModel(tiny_cfg)
    untied = count_parameters(model, weight_tying=True)
    model.out_head.weight = model.tok_emb.weight
    # invariant: a truly shared head is counted once, and not subtracted a second time
    assert count_parameters(model) == untied
    assert count_parameters(model, weight_tying=True) == untied


def test_parameter_memory_mb_dtypes(tiny_cfg, seed):
    model = GPTModel(tiny_cfg)
    n = count_parameters(model)
    # invariant: float32 takes 4 bytes per parameter, bfloat16 2
    assert parameter_memory_mb(model) == pytest.approx(n * 4 / 2**20)
    assert parameter_memory_mb(model, dtype=torch.bfloat16) == pytest.approx(n * 2 / 2**20)


# --- the real 124M shape (built once) --------------------------------------------------------


@pytest.fixture(scope="module")
def book_model_124m():
    torch.manual_seed(123)
    return GPTModel(GPT_CONFIG_124M).eval()


@pytest.mark.slow
def test_124m_sizes(book_model_124m):
    # invariant: the book's numbers for GPT_CONFIG_124M
    assert count_parameters(book_model_124m) == 163_009_536
    assert count_parameters(book_model_124m, weight_tying=True) == 124_412_160
    assert round(parameter_memory_mb(book_model_124m), 2) == 621.83
    # invariant: the analytic count agrees at the real size
    assert count_parameters_from_config(GPT_CONFIG_124M) == 163_009_536
    # invariant: the book's output shape for its two-sentence batch
    assert book_model_124m(torch.tensor([[6109, 3626, 6100, 345]])).shape == (1, 4, 50257)


@pytest.mark.slow
def test_124m_seeded_weights_continue_like_the_book(book_model_124m):
    from llmscratch import generate_text_simple

    idx = torch.tensor([[15496, 11, 314, 716]])  # "Hello, I am"
    out = generate_text_simple(book_model_124m, idx, max_new_tokens=6, context_size=1024)
    # invariant: same-seed construction gives the book's initial weights, hence its tokens
    assert out.tolist() == [[15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267]]
