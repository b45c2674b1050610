"""Checks for the chapter 3 exercises (attention).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. The expected values come
from ``llmscratch`` (the verified reference) and from the book's printed numbers.
"""

from __future__ import annotations

import torch

from llmscratch.checking import CheckFailure, Exercise, assert_close

# "Your journey starts with one step" (book §3.3.1)
INPUTS = torch.tensor([[0.43, 0.15, 0.89], [0.55, 0.87, 0.66], [0.57, 0.85, 0.64],
                       [0.22, 0.58, 0.33], [0.77, 0.25, 0.10], [0.05, 0.80, 0.55]])


def _max_diff(a, b):
    return (torch.as_tensor(a).double() - torch.as_tensor(b).double()).abs().max().item()


def _close(a, b, atol=1e-5):
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    return a.shape == b.shape and bool(torch.isfinite(a).all()) and _max_diff(a, b) <= atol


# --- ex3_1: scaled dot-product weights for one query ----------------------------------------------


def check_attention_weights_for_query(impl):
    torch.manual_seed(123)  # the book's W_query, W_key of §3.4.1
    W_query, W_key = torch.rand(3, 2), torch.rand(3, 2)
    query, keys = INPUTS[1] @ W_query, INPUTS @ W_key
    cases = [(query, keys)]
    gen = torch.Generator().manual_seed(0)
    cases.append((torch.randn(64, generator=gen) * 2, torch.randn(10, 64, generator=gen) * 2))
    for q, k in cases:
        got = torch.as_tensor(impl(q.clone(), k.clone()))
        if got.shape != (k.shape[0],):
            raise CheckFailure(f"for a query of shape {tuple(q.shape)} and keys of shape "
                               f"{tuple(k.shape)} you returned shape {tuple(got.shape)}; expected "
                               f"one weight per key: ({k.shape[0]},)")
        scores = k @ q
        if _close(got, torch.softmax(scores, dim=-1), 1e-5):
            raise CheckFailure("your weights are softmax(scores) without scaling: divide the "
                               "scores by sqrt(d_k) (keys.shape[-1] ** 0.5) before the softmax")
        if _close(got, torch.softmax(scores / k.shape[-1], dim=-1), 1e-5):
            raise CheckFailure("you divided the scores by d_k; the book scales by sqrt(d_k)")
        scaled = scores / k.shape[-1] ** 0.5
        if _close(got, scaled / scaled.sum(), 1e-5):
            raise CheckFailure("you normalised by dividing by the sum of the scores; use "
                               "torch.softmax, which also keeps every weight positive")
        total = got.double().sum().item()
        if abs(total - 1) > 1e-4:
            raise CheckFailure(f"the weights sum to {total:.4f}, not 1: normalise with "
                               "torch.softmax (dividing by the sum is not the same)")
        if (got < 0).any():
            raise CheckFailure("some weights are negative: use torch.softmax to normalise")
        assert_close(got, torch.softmax(scores / k.shape[-1] ** 0.5, dim=-1),
                     what="the attention weights", atol=1e-5,
                     hint="scores are the dot products keys @ query, scaled by sqrt(d_k), "
                          "then softmax.")
    book = torch.tensor([0.1500, 0.2264, 0.2199, 0.1311, 0.0906, 0.1820])
    assert_close(impl(query, keys), book, what="the weights for the book's 'journey' query",
                 atol=1e-4)


# --- ex3_2: the causal mask -----------------------------------------------------------------------


def _reference_causal(scores):
    n = scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    return torch.softmax(scores.masked_fill(future, -torch.inf), dim=-1)


def check_causal_attention_weights(impl):
    gen = torch.Generator().manual_seed(1)
    for scores in (torch.zeros(3, 3), torch.randn(2, 3, 6, 6, generator=gen) * 2):
        got = torch.as_tensor(impl(scores.clone()))
        if got.shape != scores.shape:
            raise CheckFailure(f"scores of shape {tuple(scores.shape)} gave weights of shape "
                               f"{tuple(got.shape)}; the shape must not change")
        n = scores.shape[-1]
        if not torch.isfinite(got).all():
            raise CheckFailure("some weights are NaN: a row whose keys are ALL hidden gives NaN "
                               "after the softmax. Does your mask hide the diagonal? Token i must "
                               "see itself: use torch.triu(..., diagonal=1)")
        upper = got.triu(diagonal=1).abs().max().item() if n > 1 else 0.0
        if upper > 0:
            row, col = (got.triu(diagonal=1) != 0).nonzero()[0, -2:].tolist()
            raise CheckFailure(f"future tokens leak: query {row} puts weight {upper:.3g} on later "
                               f"key {col}. Fill the scores above the diagonal with -inf before "
                               "the softmax")
        if (got.diagonal(dim1=-2, dim2=-1) <= 0).any():
            raise CheckFailure("some token puts zero weight on itself: your mask hides the "
                               "diagonal; use torch.triu(..., diagonal=1)")
        row_sums = got.sum(-1)
        if (row_sums - 1).abs().max() > 1e-4:
            if (got.sum(-2) - 1).abs().max() < 1e-4:
                raise CheckFailure("the COLUMNS of your weights sum to 1, not the rows: apply "
                                   "the softmax over the keys, dim=-1")
            raise CheckFailure(f"rows sum to values between {row_sums.min():.3f} and "
                               f"{row_sums.max():.3f}, not 1: zeroing weights after the softmax "
                               "needs renormalising; better, mask with -inf before the softmax")
        assert_close(got, _reference_causal(scores), what="the causal attention weights",
                     atol=1e-5, hint="apply the softmax over the last dimension (the keys).")


# --- ex3_3: transfer v2 weights into v1 -----------------------------------------------------------


def check_transfer_v2_to_v1(impl):
    from llmscratch import SelfAttention_v1, SelfAttention_v2

    gen = torch.Generator().manual_seed(2)
    for d_in, d_out in ((4, 4), (3, 2)):  # square first: a missing transpose then runs
        torch.manual_seed(d_in * 10 + d_out)
        sa_v2, sa_v1 = SelfAttention_v2(d_in, d_out), SelfAttention_v1(d_in, d_out)
        x = INPUTS if d_in == 3 else torch.rand(5, d_in, generator=gen)
        result = impl(sa_v2, sa_v1)
        if result is None:
            raise CheckFailure("transfer_v2_to_v1 returned None: return sa_v1 at the end")
        if _close(result.W_query.detach(), sa_v2.W_query.weight.detach(), 0.0):
            raise CheckFailure("W_query was copied without transposing: nn.Linear stores "
                               "(d_out, d_in) while v1 multiplies x @ W with W of shape "
                               "(d_in, d_out); copy weight.T")
        with torch.no_grad():
            assert_close(result(x), sa_v2(x), what=f"v1's output after the transfer (d_in={d_in},"
                         f" d_out={d_out})", atol=1e-6,
                         hint="copy each of W_query, W_key, W_value into the matching name, "
                              "transposed.")


# --- ex3_4: a wrapper with 2-dimensional context vectors ------------------------------------------


def check_make_two_dim_wrapper(impl):
    from llmscratch import MultiHeadAttentionWrapper

    batch = torch.stack((INPUTS, INPUTS))
    torch.manual_seed(123)
    mine = impl(3, 6, 0.0)
    torch.manual_seed(123)
    ref = MultiHeadAttentionWrapper(3, 1, 6, 0.0, num_heads=2)
    with torch.no_grad():
        out = mine.eval()(batch)
        if out.shape[-1] != 2:
            raise CheckFailure(f"the context vectors have {out.shape[-1]} dimensions, not 2: the "
                               "wrapper concatenates its heads, so the output size is "
                               "num_heads * d_out; with 2 heads each head needs d_out=1")
        heads = getattr(mine, "heads", [])
        if len(heads) != 2:
            raise CheckFailure(f"the wrapper has {len(heads)} heads; the exercise asks for 2")
        assert_close(out, ref(batch), what="the wrapper's output under torch.manual_seed(123)",
                     atol=1e-5, hint="build MultiHeadAttentionWrapper(d_in, 1, context_length, "
                                     "dropout, num_heads=2).")
    rates = {m.p for m in impl(3, 6, 0.25).modules() if isinstance(m, torch.nn.Dropout)}
    if rates != {0.25}:
        raise CheckFailure(f"asked for dropout 0.25, the module's dropout rates are "
                           f"{sorted(rates)}: pass the dropout argument through")


# --- ex3_5: a GPT-2-sized attention module --------------------------------------------------------

GPT2_ATTENTION_PARAMS = 2_360_064


def check_make_gpt2_attention(impl):
    module = impl()
    n = sum(p.numel() for p in module.parameters())
    if n != GPT2_ATTENTION_PARAMS:
        diff = n - GPT2_ATTENTION_PARAMS
        hint = (" That is 3 x 768 extra: qkv_bias must be False." if diff == 3 * 768
                else " Check d_in=768 and d_out=768.")
        raise CheckFailure(f"the module has {n:,} parameters, GPT-2 small's attention has "
                           f"{GPT2_ATTENTION_PARAMS:,} (difference {diff:+,}).{hint}")
    if getattr(module, "num_heads", None) != 12:
        raise CheckFailure(f"num_heads is {getattr(module, 'num_heads', None)}; GPT-2 small has "
                           "12 heads of 64 dimensions each")
    mask = getattr(module, "mask", None)
    if mask is None or tuple(mask.shape) != (1024, 1024):
        shape = None if mask is None else tuple(mask.shape)
        raise CheckFailure(f"the causal mask has shape {shape}; GPT-2 supports 1,024 tokens, so "
                           "context_length=1024")
    rates = {m.p for m in module.modules() if isinstance(m, torch.nn.Dropout)}
    if rates != {0.0}:
        raise CheckFailure(f"dropout rates {sorted(rates)}: the exercise asks for dropout 0.0")
    with torch.no_grad():
        out = module(torch.rand(1, 4, 768))
    if out.shape != (1, 4, 768):
        raise CheckFailure(f"a (1, 4, 768) input gave shape {tuple(out.shape)}, not (1, 4, 768)")


# --- ex3_6 and ex3_7: splitting and merging heads -------------------------------------------------


def _example(b=2, num_tokens=5, d_out=12):
    return torch.arange(b * num_tokens * d_out, dtype=torch.float32).view(b, num_tokens, d_out)


def check_split_heads(impl):
    x = _example()
    got = torch.as_tensor(impl(x.clone(), 3))
    if got.shape != (2, 3, 5, 4):
        raise CheckFailure(f"(2, 5, 12) split into 3 heads gave shape {tuple(got.shape)}; "
                           "expected (b, num_heads, num_tokens, head_dim) = (2, 3, 5, 4)")
    for h in range(3):
        expected = x[:, :, 4 * h:4 * (h + 1)]
        if not torch.equal(got[:, h], expected):
            raise CheckFailure(f"head {h} should hold features {4 * h}..{4 * h + 3} of every "
                               f"token (max difference {_max_diff(got[:, h], expected):.0f}). "
                               "View as (b, num_tokens, num_heads, head_dim) first, then "
                               "transpose(1, 2); viewing straight to (b, num_heads, ...) mixes "
                               "tokens")


def check_merge_heads(impl):
    x = _example()
    heads = x.view(2, 5, 3, 4).transpose(1, 2)  # (b, num_heads, num_tokens, head_dim)
    got = torch.as_tensor(impl(heads))
    if got.shape != x.shape:
        raise CheckFailure(f"merging (2, 3, 5, 4) gave shape {tuple(got.shape)}; expected "
                           "(b, num_tokens, d_out) = (2, 5, 12)")
    if not torch.equal(got, x):
        wrong = int((got != x).any(-1).nonzero()[0, 1])
        raise CheckFailure(f"token {wrong}'s merged vector is not the concatenation of its "
                           f"heads' vectors (max difference {_max_diff(got, x):.0f}). "
                           "transpose(1, 2) to (b, num_tokens, num_heads, head_dim) first, then "
                           ".contiguous().view(b, num_tokens, d_out)")


# --- ex3_8: multi-head attention from scratch -----------------------------------------------------


def check_multihead_attention(impl):
    from llmscratch import MultiHeadAttention

    kwargs = dict(d_in=8, d_out=8, context_length=6, dropout=0.0, num_heads=2)
    torch.manual_seed(123)
    mine = impl(**kwargs)
    torch.manual_seed(123)
    ref = MultiHeadAttention(**kwargs)
    shapes = {k: tuple(v.shape) for k, v in mine.state_dict().items()}
    ref_shapes = {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    if shapes != ref_shapes:
        raise CheckFailure(f"state_dict {shapes} differs from the book's {ref_shapes}: use the "
                           "names W_query, W_key, W_value, out_proj and a buffer named mask")
    for key, value in mine.state_dict().items():
        if not torch.equal(value, ref.state_dict()[key]):
            raise CheckFailure(f"under torch.manual_seed(123) your initial {key} differs from the "
                               "book's: create W_query, W_key, W_value, out_proj in that order")
    batch = torch.stack((INPUTS, INPUTS))
    torch.manual_seed(123)
    book_mha = impl(3, 2, 6, 0.0, num_heads=2).eval()
    book = torch.tensor([[0.3190, 0.4858], [0.2943, 0.3897], [0.2856, 0.3593],
                         [0.2693, 0.3873], [0.2639, 0.3928], [0.2575, 0.4028]])
    with torch.no_grad():
        assert_close(book_mha(batch)[0], book, what="the book's §3.6.2 output (seed 123)",
                     atol=1e-4, hint="scale by sqrt(head_dim), softmax over dim=-1, and merge "
                                     "the heads with transpose(1, 2) before the view.")
    x = torch.randn(2, 6, 8, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        changed = x.clone()
        changed[:, 3:] += 1.0
        if _max_diff(mine.eval()(x)[:, :3], mine(changed)[:, :3]) > 1e-5:
            raise CheckFailure("changing tokens 3..5 changed the outputs of tokens 0..2: future "
                               "tokens leak; apply the causal mask before the softmax")
        assert_close(mine(x), ref.eval()(x), what="the output on the same weights", atol=1e-5,
                     hint="compare each step with the book's MultiHeadAttention; is every "
                          "head's score divided by sqrt(head_dim) (here sqrt(4))?")
    torch.manual_seed(7)
    dropping = impl(**{**kwargs, "dropout": 0.5})
    dropping.load_state_dict(ref.state_dict())
    with torch.no_grad():
        first, second = dropping.eval()(x), dropping(x)
        if _max_diff(first, second) > 0 or _max_diff(first, ref(x)) > 1e-5:
            raise CheckFailure(f"in eval mode the output changes from call to call (max "
                               f"difference {_max_diff(first, ref(x)):.3g} from dropout=0): "
                               "dropout is active in eval mode. Use an nn.Dropout module "
                               "(self.dropout) so model.eval() switches it off")
        if _max_diff(dropping.train()(x), first) < 1e-6:
            raise CheckFailure("with dropout=0.5 in training mode nothing is dropped: apply "
                               "self.dropout to the attention weights")


EXERCISES = [
    Exercise(id="ex3_1", file="ex3_1_scaled_attention_weights.py",
             entry="attention_weights_for_query",
             title="Scaled dot-product attention weights for one query",
             check=check_attention_weights_for_query),
    Exercise(id="ex3_2", file="ex3_2_causal_mask.py", entry="causal_attention_weights",
             title="Causal attention weights with a -inf mask",
             check=check_causal_attention_weights),
    Exercise(id="ex3_3", file="ex3_3_transfer_weights.py", entry="transfer_v2_to_v1",
             title="Transfer SelfAttention_v2 weights into SelfAttention_v1",
             check=check_transfer_v2_to_v1),
    Exercise(id="ex3_4", file="ex3_4_two_dim_wrapper.py", entry="make_two_dim_wrapper",
             title="A two-head wrapper with 2-dimensional context vectors",
             check=check_make_two_dim_wrapper),
    Exercise(id="ex3_5", file="ex3_5_gpt2_attention.py", entry="make_gpt2_attention",
             title="A GPT-2-sized multi-head attention module", check=check_make_gpt2_attention),
    Exercise(id="ex3_6", file="ex3_6_split_heads.py", entry="split_heads",
             title="Split vectors into attention heads", check=check_split_heads),
    Exercise(id="ex3_7", file="ex3_7_merge_heads.py", entry="merge_heads",
             title="Merge the heads back into one vector per token", check=check_merge_heads),
    Exercise(id="ex3_8", file="ex3_8_multihead_attention.py", entry="MultiHeadAttention",
             title="Multi-head attention from scratch", check=check_multihead_attention),
]
