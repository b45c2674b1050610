"""Checks for the chapter 4 exercises (the GPT model).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch`` (the verified reference) and from the book's printed numbers. Every check first
looks for the usual mistakes (listed in the issue: unbiased variance, eps outside the square
root, a wrong GELU constant, a missing shortcut, post-norm, no position embedding, no cropping,
a cache that is not reset) so that the message can name the likely cause.
"""

from __future__ import annotations

import copy
import functools

import torch
import torch.nn.functional as F

import llmscratch
from llmscratch import (
    GPT_CONFIG_124M,
    FeedForward,
    GPTModel,
    MultiHeadAttention,
    TransformerBlock,
    count_parameters,
    generate_text_simple,
)
from llmscratch.checking import CheckFailure, Exercise, assert_close, one_thread

SMALL = {"vocab_size": 60, "context_length": 16, "emb_dim": 16, "n_heads": 4, "n_layers": 2,
         "drop_rate": 0.0, "qkv_bias": True}


def _close(a, b, atol=1e-5):
    a, b = torch.as_tensor(a).double(), torch.as_tensor(b).double()
    return a.shape == b.shape and bool(torch.isfinite(a).all()) and (a - b).abs().max() <= atol


def _max_diff(a, b):
    return (torch.as_tensor(a).double() - torch.as_tensor(b).double()).abs().max().item()


def _call(fn, *args, hint):
    """Run the learner's code; turn a refusal of our model into a message with ``hint``."""
    try:
        return torch.as_tensor(fn(*args))
    except ValueError as err:
        raise CheckFailure(f"the model refused its input ({err}); {hint}") from err


# --- ex4_1: LayerNorm ----------------------------------------------------------------------------


def _norm_variants(x, eps=1e-5):
    mean = x.mean(-1, keepdim=True)
    return {
        "you used the unbiased variance (dividing by emb_dim - 1); GPT-2 divides by emb_dim: "
        "use x.var(dim=-1, keepdim=True, unbiased=False)":
            (x - mean) / torch.sqrt(x.var(-1, keepdim=True, unbiased=True) + eps),
        "eps is added outside the square root: divide by torch.sqrt(var + eps)":
            (x - mean) / (torch.sqrt(x.var(-1, keepdim=True, unbiased=False)) + eps),
        "you normalised over the wrong dimension: use dim=-1 (each token vector)":
            (x - x.mean(0, keepdim=True)) / torch.sqrt(x.var(0, keepdim=True, unbiased=False)
                                                       + eps),
    }


def check_layer_norm(impl):
    ln = impl(6)
    params = {name: p for name, p in ln.named_parameters()}
    if set(params) != {"scale", "shift"}:
        raise CheckFailure(f"LayerNorm(6) has the parameters {sorted(params)}; expected exactly "
                           "'scale' and 'shift' (nn.Parameter, shape (emb_dim,))")
    if not (torch.equal(params["scale"].detach(), torch.ones(6))
            and torch.equal(params["shift"].detach(), torch.zeros(6))):
        raise CheckFailure("scale must start as ones and shift as zeros")
    gen = torch.Generator().manual_seed(4)
    inputs = {
        "the worked example [1, 2, 3, 4]": torch.tensor([[1.0, 2.0, 3.0, 4.0]]),
        "a small random batch": torch.randn(2, 3, 6, generator=gen) * 4 + 3,
        "tokens with a tiny variance (1e-6)": torch.randn(3, 6, generator=gen) * 1e-3,
    }
    for what, x in inputs.items():
        got = torch.as_tensor(impl(x.shape[-1])(x.clone())).detach()
        expected = F.layer_norm(x, (x.shape[-1],), eps=1e-5)
        if got.shape == x.shape and not _close(got, expected, 1e-4):
            for hint, variant in _norm_variants(x).items():
                if _close(got, variant, 1e-4):
                    raise CheckFailure(f"on {what}: {hint}")
        assert_close(got, expected, what=f"the output on {what}", atol=1e-4,
                     hint="subtract the mean, divide by sqrt(variance + 1e-5), both over the "
                          "last dimension.")
    with torch.no_grad():
        params["scale"].copy_(torch.arange(1.0, 7.0))
        params["shift"].fill_(0.5)
    x = inputs["a small random batch"]
    expected = F.layer_norm(x, (6,), torch.arange(1.0, 7.0), torch.full((6,), 0.5), eps=1e-5)
    assert_close(ln(x).detach(), expected, what="the output with scale=[1..6], shift=0.5",
                 atol=1e-4, hint="return self.scale * norm_x + self.shift.")


# --- ex4_2: GELU ---------------------------------------------------------------------------------


def check_gelu(impl):
    x = torch.linspace(-8, 8, 321)
    got = torch.as_tensor(impl()(x.clone())).detach()
    expected = F.gelu(x, approximate="tanh")
    if got.shape != x.shape:
        raise CheckFailure(f"GELU changed the shape {tuple(x.shape)} into {tuple(got.shape)}: "
                           "it must work elementwise")
    if _close(got, torch.relu(x), 1e-6):
        raise CheckFailure("this is ReLU: GELU is 0.5 * x * (1 + tanh(...)), smooth at 0 and "
                           "slightly negative for negative x")
    if _close(got, F.gelu(x), 1e-6):
        raise CheckFailure("this is the exact (erf) GELU; GPT-2 uses the tanh approximation "
                           "0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))")
    for at, value in [(-1.0, -0.1588), (1.0, 0.8412)]:
        out = float(impl()(torch.tensor([at]))[0])
        if abs(out - value) > 1e-4:
            raise CheckFailure(f"GELU({at:g}) = {out:.4f}, expected {value}: check the constants "
                               "sqrt(2 / pi) (not sqrt(pi / 2)) and 0.044715, and the cube x**3")
    assert_close(got, expected, what="GELU on [-8, 8]", atol=1e-6,
                 hint="compare your constants with 0.5, sqrt(2 / pi) and 0.044715.")


# --- ex4_3: FeedForward --------------------------------------------------------------------------


def check_feed_forward(impl):
    cfg = {**SMALL, "emb_dim": 8}
    torch.manual_seed(0)
    ff = impl(cfg)
    ref = FeedForward(cfg)
    shapes = {k: tuple(v.shape) for k, v in ff.state_dict().items()}
    want = {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    if shapes != want:
        raise CheckFailure(f"the state_dict is {shapes}, expected {want}: an nn.Sequential "
                           "named 'layers' with Linear(emb_dim, 4 * emb_dim), GELU, "
                           "Linear(4 * emb_dim, emb_dim)")
    ref.load_state_dict(ff.state_dict())
    x = torch.randn(2, 5, 8, generator=torch.Generator().manual_seed(1)) * 2
    got = ff(x).detach()
    if got.shape == x.shape:
        relu = ref.layers[2](torch.relu(ref.layers[0](x))).detach()
        if _close(got, relu, 1e-5):
            raise CheckFailure("the activation between the two Linear layers is ReLU; use "
                               "GELU (from llmscratch)")
    assert_close(got, ref(x).detach(), what="the feed-forward output", atol=1e-5,
                 hint="layers: Linear -> GELU -> Linear, applied to every token.")
    n = count_parameters(impl({**SMALL, "emb_dim": 768}))
    if n != 4_722_432:
        raise CheckFailure(f"with emb_dim=768 your block has {n:,} parameters, not 4,722,432")


# --- ex4_4: TransformerBlock ---------------------------------------------------------------------


def _block_variants(ref, x):
    """What common mistakes compute, using the reference's sub-modules (holding your weights)."""
    att, ff, n1, n2 = ref.att, ref.ff, ref.norm1, ref.norm2
    h = att(n1(x))
    return {
        "the attention sub-layer has no shortcut: add the block's input back "
        "(x = x + drop_shortcut(att(norm1(x))))": h + ff(n2(h)),
        "the feed-forward sub-layer has no shortcut: add its input back "
        "(x = x + drop_shortcut(ff(norm2(x))))": ff(n2(x + h)),
        "this is post-norm (normalising after adding the shortcut); GPT-2 is pre-norm: "
        "normalise the sub-layer's INPUT, x + att(norm1(x))":
            n2(n1(x + att(x)) + ff(n1(x + att(x)))),
        "norm1 and norm2 are swapped: norm1 goes before attention, norm2 before the "
        "feed-forward block": (x + att(n2(x))) + ff(n1(x + att(n2(x)))),
    }


def check_transformer_block(impl):
    torch.manual_seed(0)
    block = impl(SMALL)
    ref = TransformerBlock(SMALL)
    for name in ("att", "ff", "norm1", "norm2", "drop_shortcut"):
        if not hasattr(block, name):
            raise CheckFailure(f"the block has no attribute {name!r}; use the book's names "
                               "att, ff, norm1, norm2, drop_shortcut")
    shapes = {k: tuple(v.shape) for k, v in block.state_dict().items()}
    want = {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    if shapes != want:
        missing, extra = sorted(set(want) - set(shapes)), sorted(set(shapes) - set(want))
        raise CheckFailure(f"state_dict keys differ: missing {missing}, unexpected {extra} "
                           "(did you pass qkv_bias and context_length from the config?)")
    with torch.no_grad():  # distinct norms, so that swapped or moved norms show
        block.norm1.scale.uniform_(0.5, 1.5)
        block.norm2.shift.uniform_(-0.5, 0.5)
    ref.load_state_dict(block.state_dict())
    block.eval()
    ref.eval()
    x = torch.randn(2, 7, 16, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        got = block(x)
        if got.shape == x.shape and not _close(got, ref(x), 1e-5):
            for hint, variant in _block_variants(ref, x).items():
                if _close(got, variant, 1e-5):
                    raise CheckFailure(hint)
        assert_close(got, ref(x), what="the block's output", atol=1e-5,
                     hint="x + att(norm1(x)) first, then x + ff(norm2(x)).")
    dropping = impl({**SMALL, "drop_rate": 0.25})
    calls = []
    dropping.drop_shortcut.register_forward_hook(lambda *args: calls.append(1))
    dropping.train()
    dropping(x)
    if dropping.drop_shortcut.p != 0.25 or dropping.att.dropout.p != 0.25:
        raise CheckFailure("with drop_rate=0.25 both drop_shortcut and the attention's dropout "
                           "should use p=0.25")
    if len(calls) != 2:
        raise CheckFailure(f"drop_shortcut ran {len(calls)} time(s) per forward; apply it to "
                           "the output of BOTH sub-layers, before adding the shortcut")


# --- ex4_5: parameters of feed-forward versus attention ------------------------------------------


def check_parameter_split(impl):
    cases = [
        ("GPT_CONFIG_124M", GPT_CONFIG_124M, {"feed_forward": 4_722_432, "attention": 2_360_064}),
    ]
    for emb_dim, qkv_bias in [(64, True), (48, False)]:
        cfg = {**SMALL, "emb_dim": emb_dim, "qkv_bias": qkv_bias}
        mha = MultiHeadAttention(emb_dim, emb_dim, 4, 0.0, 4, qkv_bias=qkv_bias)
        expected = {"feed_forward": count_parameters(FeedForward(cfg)),
                    "attention": count_parameters(mha)}
        cases.append((f"emb_dim={emb_dim}, qkv_bias={qkv_bias}", cfg, expected))
    for what, cfg, expected in cases:
        got = impl(dict(cfg))
        if not isinstance(got, dict) or set(got) != set(expected):
            raise CheckFailure(f"return a dict with the keys 'feed_forward' and 'attention', "
                               f"got {got!r}")
        E = cfg["emb_dim"]
        for key in ("feed_forward", "attention"):
            diff = int(got[key]) - expected[key]
            if diff == 0:
                continue
            if key == "feed_forward" and diff == -5 * E:
                hint = "you left out the biases of the two Linear layers (4 * emb_dim + emb_dim)"
            elif key == "attention" and diff == -E:
                hint = "you left out the bias of out_proj (it always has one)"
            elif key == "attention" and abs(diff) == 3 * E:
                hint = "query/key/value biases exist only when cfg['qkv_bias'] is True"
            else:
                hint = "count every weight matrix and bias vector of the module"
            raise CheckFailure(f"for {what}: {key} = {int(got[key]):,}, expected "
                               f"{expected[key]:,} (off by {diff:+,}): {hint}")


# --- ex4_6: configs of the larger models ---------------------------------------------------------

LARGER = {
    "gpt2-medium": {"emb_dim": 1024, "n_layers": 24, "n_heads": 16},
    "gpt2-large": {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
    "gpt2-xl": {"emb_dim": 1600, "n_layers": 48, "n_heads": 25},
}


def check_larger_configs(impl):
    base = llmscratch.model.GPT_CONFIG_124M
    snapshot = copy.deepcopy(base)
    try:
        got = impl()
    finally:
        changed = base != snapshot
        base.clear()
        base.update(snapshot)  # never let a wrong answer break the rest of the session
    if changed:
        raise CheckFailure("your function changed GPT_CONFIG_124M itself; copy it first, "
                           "e.g. {**GPT_CONFIG_124M, 'emb_dim': 1024} or copy.deepcopy(...)")
    if not isinstance(got, dict) or set(got) != set(LARGER):
        keys = sorted(got) if isinstance(got, dict) else type(got).__name__
        raise CheckFailure(f"return a dict with the keys {sorted(LARGER)}, got {keys}")
    for name, size in LARGER.items():
        expected = {**snapshot, **size}
        cfg = got[name]
        for key, value in expected.items():
            if key not in cfg:
                raise CheckFailure(f"{name} has no {key!r}: start from a copy of "
                                   "GPT_CONFIG_124M so that every key is there")
            if cfg[key] != value:
                raise CheckFailure(f"{name}: {key} is {cfg[key]!r}, expected {value!r}")
        llmscratch.validate_config(cfg)


# --- ex4_7: separate dropout rates ---------------------------------------------------------------


@one_thread
def check_separate_dropout(impl):
    cfg = {k: v for k, v in SMALL.items() if k != "drop_rate"}
    cfg.update(drop_rate_emb=0.1, drop_rate_attn=0.2, drop_rate_shortcut=0.3)
    torch.manual_seed(0)
    model = impl(dict(cfg))
    for name in ("tok_emb", "pos_emb", "drop_emb", "trf_blocks", "final_norm", "out_head"):
        if not hasattr(model, name):
            raise CheckFailure(f"the model has no {name!r}; keep GPTModel's attribute names")
    rates = {"drop_emb": model.drop_emb.p,
             "att.dropout": [b.att.dropout.p for b in model.trf_blocks],
             "drop_shortcut": [b.drop_shortcut.p for b in model.trf_blocks]}
    want = {"drop_emb": 0.1, "att.dropout": [0.2, 0.2], "drop_shortcut": [0.3, 0.3]}
    if rates != want:
        raise CheckFailure(f"dropout rates {rates}, expected {want} (drop_rate_emb=0.1, "
                           "drop_rate_attn=0.2, drop_rate_shortcut=0.3): is each rate passed "
                           "to the right module?")
    calls = {"drop_emb": 0, "att.dropout": 0, "drop_shortcut": 0}

    def count(key):
        return lambda *args: calls.__setitem__(key, calls[key] + 1)

    model.drop_emb.register_forward_hook(count("drop_emb"))
    for block in model.trf_blocks:
        block.att.dropout.register_forward_hook(count("att.dropout"))
        block.drop_shortcut.register_forward_hook(count("drop_shortcut"))
    idx = torch.randint(0, 60, (2, 9), generator=torch.Generator().manual_seed(3))
    model.train()
    model(idx)
    if calls != {"drop_emb": 1, "att.dropout": 2, "drop_shortcut": 4}:
        raise CheckFailure(f"dropout modules ran {calls} times in one forward of a 2-block "
                           "model; expected drop_emb once, each block's attention dropout once "
                           "and each block's drop_shortcut twice")
    model.eval()
    ref = GPTModel({**cfg, "drop_rate": 0.0}).eval()
    try:
        ref.load_state_dict(model.state_dict())
    except RuntimeError as err:
        raise CheckFailure(f"the state_dict does not match GPTModel's: {str(err)[:300]}") from err
    with torch.no_grad():
        same = torch.full((1, 5), 7)
        out = model(same)
        if _close(out[0, 0], out[0, 4], 1e-6):
            raise CheckFailure("the same token gets the same logits at every position: add "
                               "the position embeddings, tok_emb(in_idx) + pos_emb(positions)")
        assert_close(model(idx), ref(idx), what="the logits in eval mode", atol=1e-5,
                     hint="apart from the dropout rates the model must compute what GPTModel "
                          "computes.")


# --- ex4_8: generation with cropping -------------------------------------------------------------


def _small_model(dtype=torch.float32):
    torch.manual_seed(5)
    return GPTModel(SMALL).to(dtype).eval()


@one_thread
def check_generate_with_cropping(impl):
    model = _small_model()
    gen = torch.Generator().manual_seed(6)
    cases = [  # (prompt length, batch, new tokens, context_size)
        (5, 1, 6, 16),
        (10, 2, 5, 4),  # the window (4) is smaller than the prompt
        (20, 1, 4, 16),  # the prompt is longer than the model's context
    ]
    for length, batch, new, context_size in cases:
        idx = torch.randint(0, 60, (batch, length), generator=gen)
        expected = generate_text_simple(model, idx, new, context_size)
        what = f"a prompt of {length} tokens with context_size={context_size}"
        try:
            got = impl(model, idx.clone(), new, context_size)
        except ValueError as err:
            raise CheckFailure(f"for {what} the model refused its input ({err}): crop to the "
                               "last context_size tokens before each call, idx[:, -context_size:]"
                               ) from err
        got = torch.as_tensor(got)
        if got.shape != expected.shape:
            raise CheckFailure(f"for {what} you returned shape {tuple(got.shape)}, expected "
                               f"{tuple(expected.shape)}: append one token per step along dim 1")
        if not torch.equal(got[:, :length], idx):
            raise CheckFailure("the prompt must stay at the start of the returned ids")
        if torch.equal(got, expected):
            continue
        first = idx.clone()
        for _ in range(new):  # what keeping the FIRST context_size tokens would give
            with torch.no_grad():
                nxt = model(first[:, :context_size])[:, -1].argmax(-1, keepdim=True)
            first = torch.cat([first, nxt], dim=1)
        if torch.equal(got, first):
            raise CheckFailure(f"for {what} you kept the first context_size tokens; keep the "
                               "LAST ones: idx[:, -context_size:]")
        if torch.equal(got, generate_text_simple(model, idx, new, 16)):
            raise CheckFailure(f"for {what} the model saw more than context_size tokens: crop "
                               "to idx[:, -context_size:] before every call")
        wrong = (got != expected).nonzero()[0].tolist()
        raise CheckFailure(f"for {what} token {wrong[1]} of row {wrong[0]} is "
                           f"{got[wrong[0], wrong[1]].item()}, expected "
                           f"{expected[wrong[0], wrong[1]].item()}: take the argmax of the LAST "
                           "position's logits, logits[:, -1, :]")


# --- ex4_9: generation with a KV cache -----------------------------------------------------------


@one_thread
def check_kv_cache_generation(impl):
    model = _small_model(torch.float64)  # float64: no near-ties between two logits
    lengths = []
    model.register_forward_pre_hook(lambda mod, args: lengths.append(args[0].shape[1]))
    a = torch.tensor([[3, 14, 15]])
    expected = generate_text_simple(model, a, 5, 16)
    lengths.clear()  # count only the calls made by the code under test
    got = _call(impl, model, a.clone(), 5, hint="feed the prompt once, then one token per step")
    if not torch.equal(got, expected):
        raise CheckFailure(f"for the prompt {a.tolist()} you generated {got.tolist()}, greedy "
                           f"decoding gives {expected.tolist()}")
    if lengths[:1] != [3] or any(n != 1 for n in lengths[1:]):
        raise CheckFailure(f"the model was fed {lengths} tokens per call; with the cache feed "
                           "the prompt once, then only the one new token per step")
    leaked = ("an earlier call's keys and values leaked into this one: call "
              "model.reset_kv_cache() at the start of every call")
    model(torch.tensor([[1, 2]]), use_cache=True)  # leave the cache dirty, as a crash would
    if not torch.equal(_call(impl, model, a.clone(), 5, hint=leaked), expected):
        raise CheckFailure(f"calling again gave different tokens: {leaked}")
    b = torch.randint(0, 60, (2, 6), generator=torch.Generator().manual_seed(7))
    slid = ("once idx is longer than context_size the window slides and every position "
            "changes: reset the cache and feed idx[:, -context_size:] again")
    for context_size in (None, 8):
        window = 16 if context_size is None else context_size
        expected = generate_text_simple(model, b, 15, window)
        got = _call(impl, model, b.clone(), 15, context_size, hint=slid)
        if not torch.equal(got, expected):
            raise CheckFailure(f"generating past the window (context_size={context_size}) "
                               f"gives other tokens than plain generation: {slid}")
    got = impl(model, b.clone(), 15, 8, False)
    if not torch.equal(torch.as_tensor(got), generate_text_simple(model, b, 15, 8)):
        raise CheckFailure("with use_cache=False the result must equal plain greedy generation")


EXERCISES = [
    Exercise(id="ex4_1", file="ex4_1_layer_norm.py", entry="LayerNorm",
             title="Layer normalisation with scale and shift", check=check_layer_norm),
    Exercise(id="ex4_2", file="ex4_2_gelu.py", entry="GELU",
             title="The GELU activation (tanh approximation)", check=check_gelu),
    Exercise(id="ex4_3", file="ex4_3_feed_forward.py", entry="FeedForward",
             title="The feed-forward block", check=check_feed_forward),
    Exercise(id="ex4_4", file="ex4_4_transformer_block.py", entry="TransformerBlock",
             title="A pre-norm transformer block with shortcuts", check=check_transformer_block),
    Exercise(id="ex4_5", file="ex4_5_parameter_split.py", entry="block_parameter_counts",
             title="Parameters of feed-forward versus attention", check=check_parameter_split),
    Exercise(id="ex4_6", file="ex4_6_larger_configs.py", entry="larger_gpt_configs",
             title="Configs of GPT-2 medium, large and XL", check=check_larger_configs),
    Exercise(id="ex4_7", file="ex4_7_separate_dropout.py", entry="GPTModelSeparateDropout",
             title="Separate dropout rates", check=check_separate_dropout),
    Exercise(id="ex4_8", file="ex4_8_generate_with_cropping.py", entry="generate_text_simple",
             title="Greedy generation that crops the context",
             check=check_generate_with_cropping),
    Exercise(id="ex4_9", file="ex4_9_kv_cache_generation.py",
             entry="generate_text_simple_cached", title="Greedy generation with a KV cache",
             check=check_kv_cache_generation),
]
