"""Checks for the chapter 3 exercises (attention).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. The expected values come
from ``llmscratch`` (the verified reference) and from the book's printed numbers.

Longer than our usual 400 lines on purpose: each check replays many known mistakes on two
or more configurations, and the checks of a chapter share their helpers (models, inputs,
replays); ``<chapter>_<part>.py`` files hold separate parts such as the bonus exercises.
"""

from __future__ import annotations

import re

import torch

from llmscratch.checking import (
    CheckFailure,
    Exercise,
    PartlyDone,
    answer_source,
    assert_close,
    call_answer,
    check_cases,
    describe_difference,
    fresh_calls_right,
    fresh_copy,
    likely_cause,
    state_probed,
    tensors_not_on,
)

# "Your journey starts with one step" (book §3.3.1)
INPUTS = torch.tensor([[0.43, 0.15, 0.89], [0.55, 0.87, 0.66], [0.57, 0.85, 0.64],
                       [0.22, 0.58, 0.33], [0.77, 0.25, 0.10], [0.05, 0.80, 0.55]])


def _max_diff(a, b):
    return (torch.as_tensor(a).double() - torch.as_tensor(b).double()).abs().max().item()


def _close(a, b, atol=1e-5):
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    return a.shape == b.shape and bool(torch.isfinite(a).all()) and _max_diff(a, b) <= atol



def _tensor(got, what, shape=None):
    """Validate a returned value before the check uses it."""
    if not isinstance(got, torch.Tensor):
        raise CheckFailure(f"{what}: you returned a {type(got).__name__}, expected a tensor"
                           + (f" of shape {tuple(shape)}" if shape is not None else ""))
    if got.dtype == torch.bool:  # the comparisons below cannot subtract booleans
        raise CheckFailure(f"{what}: you returned a bool tensor (True/False, the result of a "
                           "comparison such as != 0 or a mask?), expected numbers in the "
                           "inputs' dtype")
    return got


def _same_device(got, x, what):
    """A result the answer made on another device than its CPU input (the numbers of a tensor
    on the meta device cannot be compared)."""
    if got.device != x.device:
        raise CheckFailure(f"{what}: your result is on {got.device}, while the input is on "
                           f"{x.device}: a tensor made with a fixed device= (or moved with "
                           ".to(...)); build the result from the input, or pass "
                           "device=x.device")
    return got


def _inplace_op(err):
    """The operation PyTorch's 'modified by an inplace operation' error names ("... which is
    output 0 of Exp ..."): the one that made a saved output, or the in-place step itself when a
    saved input was changed (-= gives Sub); None when the error names none."""
    found = re.search(r"output \d+ of (\w+?)(?:Backward\d*)?,", str(err))
    return found.group(1) if found else None


_INPLACE_STEPS = {  # the operation named by PyTorch -> the in-place step a learner wrote after it
    "Exp": "a hand-written softmax changes exp(...) in place (such as e /= e.sum(...)), but "
           "exp's backward needs its output unchanged: write e = e / e.sum(...)",
    "Sub": "the scores were shifted in place (scores -= scores.max() or the like) after a step "
           "that needs them unchanged for its gradient (such as the max): write "
           "scores = scores - ...",
}


# --- ex3_1: scaled dot-product weights for one query ----------------------------------------------


def _weight_mistakes(q, k):
    """cause -> the weights the reference gives with that mistake, for query ``q``, keys ``k``."""
    import math

    scores, d_k, n = k @ q, k.shape[-1], k.shape[0]
    return {
        "your weights are softmax(scores) without scaling: divide the scores by "
        "sqrt(d_k) (keys.shape[-1] ** 0.5) before the softmax (if your code does divide, its "
        "d_k is 1: read from a dimension of size 1, such as shape[0] of an unsqueezed query "
        "of shape (1, d_k))": torch.softmax(scores, -1),
        "you divided the scores by d_k (or scaled twice by sqrt(d_k), say the query and then "
        "the scores, which is the same); the book scales once by sqrt(d_k)":
            torch.softmax(scores / d_k, -1),
        "your scores are the MEAN of the products, (keys * query).mean(-1), which is the dot "
        "product divided by d_k, and then you divided by sqrt(d_k) as well (by d_k * "
        "sqrt(d_k) in all); a score is the SUM of the products, keys @ query, scaled once by "
        "sqrt(d_k)": torch.softmax(scores / d_k / d_k ** 0.5, -1),
        "you divided by d_k and then by 2: Python reads scores / d_k ** 1/2 as "
        "(scores / d_k) / 2; write d_k ** 0.5": torch.softmax(scores / d_k / 2, -1),
        "you divided by d_k / 2: Python reads d_k ** 1 / 2 as (d_k ** 1) / 2, which is "
        "sqrt(d_k) only for d_k = 4 (and 1 for the book's d_k = 2); write d_k ** 0.5":
            torch.softmax(scores / (d_k / 2), -1),
        "you divided by the square root of the number of keys; d_k is the size of each "
        "key, keys.shape[-1]": torch.softmax(scores / n ** 0.5, -1),
        "you normalised by dividing by the sum of the scores; use torch.softmax, which "
        "also keeps every weight positive": (scores / d_k ** 0.5) / (scores / d_k ** 0.5).sum(),
        "you scaled after the softmax; divide the scores by sqrt(d_k) before it":
            torch.softmax(scores, -1) / d_k ** 0.5,
        "you multiplied the scores by sqrt(d_k); divide them by it":
            torch.softmax(scores * d_k ** 0.5, -1),
        "you divided by a whole-number square root (math.isqrt or int(sqrt(d_k))), which is "
        "exact only when d_k is a perfect square; divide by d_k ** 0.5":
            torch.softmax(scores / math.isqrt(d_k), -1),
        "you returned log-probabilities (log_softmax); use torch.softmax, whose weights are "
        "non-negative and sum to 1": torch.log_softmax(scores / d_k ** 0.5, -1),
        "you divided by the lengths of the query and the keys (a cosine similarity); divide "
        "the dot products by sqrt(d_k) only":
            torch.softmax(scores / (k.norm(dim=-1) * q.norm()), -1),
        "you divided by sqrt(2), the d_k of the book's example; use the d_k of the keys you "
        "are given, keys.shape[-1]": torch.softmax(scores / 2 ** 0.5, -1),
        "you used floor division (scores // d_k ** 0.5), which rounds the scaled scores down "
        "to whole numbers; divide with /": torch.softmax(scores // d_k ** 0.5, -1),
        "every weight is 1: the softmax ran over a dimension of size 1 (scores of shape "
        "(num_tokens, 1), from keys @ query.unsqueeze(-1)?); softmax the 1-D scores "
        "keys @ query over dim=-1": torch.ones_like(scores),
        "every key got the same weight, 1 / num_tokens: all your scores are equal. "
        "(keys * query).sum() without dim=-1 adds up the products of every token into one "
        "number; a score is one dot product per key, keys @ query":
            torch.full_like(scores, 1.0 / n),
        "your scores have the wrong sign: these are the weights of softmax(-scores / "
        "sqrt(d_k)), which favour the key LEAST like the query; the score of a key is the dot "
        "product keys @ query itself (larger = more similar), not its negative or a distance":
            torch.softmax(-scores / d_k ** 0.5, -1),
        "your scores are minus the squared distances between the query and the keys, "
        "-((keys - query) ** 2).sum(-1); a score is the dot product keys @ query, which "
        "grows with similarity": torch.softmax(-((k - q) ** 2).sum(-1) / d_k ** 0.5, -1),
        "you used torch.sigmoid, which squashes each score on its own, so the weights do not "
        "sum to 1; use torch.softmax over the keys": torch.sigmoid(scores / d_k ** 0.5),
        "your hand-written softmax subtracts the largest score in the numerator, exp(s - "
        "s.max()), but sums exp(s) without it in the denominator, so the weights shrink by "
        "exp(s.max()); subtract the same max in both, or use torch.softmax":
            torch.exp(scores / d_k ** 0.5 - (scores / d_k ** 0.5).max())
            / torch.exp(scores / d_k ** 0.5).sum(),
        "you set the negative scores to 0 (torch.relu or clamp(min=0)) before the softmax; a "
        "negative score is a real, low score: softmax the scaled scores as they are":
            torch.softmax(torch.relu(scores) / d_k ** 0.5, -1),
        "you divided exp(scores) by their Euclidean length (.norm(), an L2 normalisation), "
        "not by their sum, so the weights do not add up to 1; divide by the sum, or use "
        "torch.softmax": torch.softmax(scores / d_k ** 0.5, -1)
            / torch.softmax(scores / d_k ** 0.5, -1).norm(),
        "you applied the softmax twice (the weights are softmax(softmax(scores / sqrt(d_k))), "
        "flatter than they should be); one softmax of the scaled scores is the answer":
            torch.softmax(torch.softmax(scores / d_k ** 0.5, -1), -1),
        "you took the absolute value of the scores (scores.abs()) before the softmax; a "
        "negative score is a real, low score: softmax the scaled scores as they are":
            torch.softmax(scores.abs() / d_k ** 0.5, -1),
        "you computed the softmax in bfloat16 and cast back, which keeps only about 3 "
        "significant digits; compute it in the inputs' own dtype":
            torch.softmax((scores / d_k ** 0.5).bfloat16(), -1).to(scores.dtype),
        "you computed the softmax in float16 and cast back, which keeps only about 4 "
        "significant digits; compute it in the inputs' own dtype":
            torch.softmax((scores / d_k ** 0.5).half(), -1).to(scores.dtype),
        **{f"you computed the dot products in {name} and cast them back ({cast} before "
           "keys @ query), which keeps only a few significant digits of every score; compute "
           "the scores in the inputs' own dtype": torch.softmax(
               (k.to(low) @ q.to(low)).to(scores.dtype) / d_k ** 0.5, -1)
           for name, cast, low in (("float16", ".half()", torch.float16),
                                   ("bfloat16", ".bfloat16()", torch.bfloat16))},
        "you reshaped the keys to (d_k, num_tokens) with view or reshape (query @ "
        "keys.view(d_k, -1)) instead of transposing them: a view keeps the numbers in memory "
        "order, so each column mixes numbers of several keys; use keys.T (query @ keys.T), "
        "or keys @ query": torch.softmax(q @ k.reshape(d_k, n) / d_k ** 0.5, -1),
        "you scaled each key to length 1 (keys / keys.norm(dim=-1, keepdim=True)) before the "
        "dot products; the scores use the keys as they are, keys @ query":
            torch.softmax(k / k.norm(dim=-1, keepdim=True) @ q / d_k ** 0.5, -1),
        "you divided each key's score by that key's length, keys.norm(dim=-1) (half of a "
        "cosine similarity); divide every dot product by the same sqrt(d_k), keys.shape[-1] "
        "** 0.5": torch.softmax(scores / k.norm(dim=-1), -1),
        **{"your scores are minus the distances between the query and the keys, -(keys - "
           "query).norm(dim=-1)" + extra + "; a score is the dot product keys @ query, which "
           "grows with similarity": torch.softmax(-(k - q).norm(dim=-1) / div, -1)
           for extra, div in (("", d_k ** 0.5), (", not scaled", 1.0))},
        # the same text for every d_k, so that one replay can explain every case
        **{f"your dot products use only the first {m} number(s) of the query and of each key "
           "(a sum written out by hand, such as keys[:, 0] * query[0] + keys[:, 1] * "
           "query[1] for the book's d_k = 2?), not all d_k = keys.shape[-1] of them; use "
           "keys @ query, which sums over every number":
               torch.softmax(k[:, :m] @ q[:m] / d_k ** 0.5, -1) for m in (1, 2, 3)},
        "you divided softplus(scores) = log(1 + exp(scores)) by its sum: softplus is not "
        "the exponential, so the weights are far flatter than a softmax's (and the scaled "
        "scores are right); use torch.softmax(scores / sqrt(d_k), dim=-1)":
            torch.nn.functional.softplus(scores / d_k ** 0.5)
            / torch.nn.functional.softplus(scores / d_k ** 0.5).sum(),
        "you centred the query by its mean (query - query.mean()) before the dot products: "
        "that changes each key's score by a different amount (the query's mean times the "
        "key's sum); centring the keys is harmless, the query must stay as it is":
            torch.softmax(k @ (q - q.mean()) / d_k ** 0.5, -1),
        # scores rounded before the softmax (to tidy them for printing?): the same text for
        # every d_k, so that one replay can explain every case
        **{f"you rounded the {what} to {m} decimal(s) before the softmax (torch.round(..., "
           f"decimals={m}) or round()), which shifts every score by up to {0.5 * 10 ** -m:g} "
           "and so every weight; softmax the scaled scores unrounded (the book only prints "
           "them rounded)": torch.softmax(rounded, -1)
           for m in (0, 1, 2, 3)
           for what, rounded in (("dot products", torch.round(scores, decimals=m) / d_k ** 0.5),
                                 ("scaled scores", torch.round(scores / d_k ** 0.5,
                                                               decimals=m)))},
    }


def _capped_hint(got, scaled):
    """Name a clamp of the scores: keys with different scaled scores that share the largest (or
    smallest) weight, replayed as softmax(scaled.clamp(lo, hi)) with the bounds read off."""
    logs, s = got.double().log(), scaled.double()
    if not bool(torch.isfinite(logs).all()) or s.numel() < 3:
        return ""
    top, low = logs >= logs.max() - 1e-5, logs <= logs.min() + 1e-5
    capped = [g for g in (top, low) if int(g.sum()) > 1 and float(s[g].max() - s[g].min()) > 1e-3]
    free = ~(top | low)
    if not capped or bool((top & low).any()):
        return ""
    if free.any():
        shift = float((logs[free] - s[free]).mean())
        hi, lo = float(logs.max()) - shift, float(logs.min()) - shift
    else:  # every key capped: a clamp symmetric around 0
        hi = float(logs.max() - logs.min()) / 2
        lo = -hi
    bounds = [(lo if (low.sum() > 1 and float(s[low].min()) < lo) else None),
              (hi if (top.sum() > 1 and float(s[top].max()) > hi) else None)]
    if not _close(got.double(), torch.softmax(s.clamp(*bounds), -1), 1e-5):
        return ""
    where = " and ".join(f"{name} {v:.4g}" for name, v in zip(("below at", "above at"), bounds)
                         if v is not None)
    return (f"Your weights are softmax(scores / sqrt(d_k)) with the scaled scores capped {where} "
            "(a clamp or clip before the softmax): keys whose scores differ get the same weight. "
            "torch.softmax is already stable for large scores (it subtracts the largest "
            "first): softmax the scaled scores as they are.")


def _implied_divisor(got, scores):
    """The c for which ``got`` is softmax(scores / c), or None when there is none."""
    if not (torch.isfinite(got).all() and (got > 0).all()) or scores.numel() < 2:
        return None
    logs, sc = got.double().log(), scores.double()
    centred = sc - sc.mean()
    if centred.pow(2).sum() == 0:
        return None
    a = float(((logs - logs.mean()) * centred).sum() / centred.pow(2).sum())
    if a <= 0 or not _close(got.double(), torch.softmax(sc * a, -1), 1e-5):
        return None
    return 1 / a


def _divisor_hint(got, scores, d_k, q=None, k=None):
    """Name the divisor when ``got`` is softmax(scores / c) for some c other than sqrt(d_k)."""
    import math

    c = _implied_divisor(got, scores)
    if c is None:
        return ""
    head = (f"Your weights are softmax(scores / {c:.4g}): you divided the scores by {c:.4g}, "
            f"not by sqrt(d_k) = {d_k ** 0.5:.4g} (d_k = keys.shape[-1], the size of one key "
            "vector)")
    if q is None or k is None:
        return head + "."
    n = k.shape[0]
    named = {
        f"sqrt(num_tokens * d_k) = sqrt({n} * {d_k}), which is sqrt(keys.numel()) (numel() "
        "counts every number of all the keys, not the size of one key) or sqrt(d_k) * "
        "sqrt(num_tokens) (the scores divided by both sqrt(d_k) and sqrt(len(keys)))":
            (n * d_k) ** 0.5,
        f"sqrt(d_k) + 1 = {d_k ** 0.5:.4g} + 1: the divisor is sqrt(d_k) alone, no + 1 (an "
        "epsilon of 1?)": d_k ** 0.5 + 1,
        f"the length of the query, query.norm() = {float(q.norm()):.4g}: the scale is a size, "
        "not a length": float(q.norm()),
        f"the length of all the keys together, keys.norm() = {float(k.norm()):.4g}: the scale "
        "is a size, not a length": float(k.norm()),
        f"sqrt(d_k + 1) = sqrt({d_k + 1}): d_k is keys.shape[-1] itself, no + 1":
            (d_k + 1) ** 0.5,
        f"sqrt(d_k - 1) = sqrt({d_k - 1}): d_k is keys.shape[-1] itself, no - 1":
            (d_k - 1) ** 0.5 if d_k > 1 else None,
        f"d_k ** 0.25 (a square root taken twice), {d_k ** 0.25:.4g}": d_k ** 0.25,
        f"sqrt(d_k) * query.norm() = {d_k ** 0.5:.4g} * {float(q.norm()):.4g}: you scaled the "
        "query to length 1 (query / query.norm()) before the dot products; use the query as "
        "it is": d_k ** 0.5 * float(q.norm()),
        f"sqrt(d_k) * keys.norm() = {d_k ** 0.5:.4g} * {float(k.norm()):.4g}: you divided the "
        "keys by the length of all of them (keys / keys.norm()) before the dot products; use "
        "the keys as they are": d_k ** 0.5 * float(k.norm()),
        f"sqrt(d_k) / ln(2) = {d_k ** 0.5:.4g} / 0.6931: your softmax uses powers of 2, "
        "2 ** s / (2 ** s).sum(), and 2 ** s = exp(s * ln 2); a softmax uses exp (torch.exp, "
        "or torch.softmax)": d_k ** 0.5 / math.log(2),
        f"sqrt(d_k) / ln(10) = {d_k ** 0.5:.4g} / 2.303: your softmax uses powers of 10, "
        "10 ** s / (10 ** s).sum(), and 10 ** s = exp(s * ln 10); a softmax uses exp "
        "(torch.exp, or torch.softmax)": d_k ** 0.5 / math.log(10),
        f"the largest score, {float(scores.max()):.4g} (the scores normalised by their "
        "maximum)": float(scores.max()),
        f"the length of the score vector, scores.norm() = {float(scores.norm()):.4g}":
            float(scores.norm()),
        f"d_k * sqrt(d_k) = {d_k ** 1.5:.4g}: a mean of the products, (keys * query)"
        ".mean(-1), divides by d_k before your sqrt(d_k); use the sum, keys @ query":
            d_k ** 1.5,
        f"the standard deviation of the scores, scores.std() = {float(scores.std()):.4g}: "
        "the scale is the fixed sqrt(d_k), not a statistic of the scores":
            float(scores.std()) if scores.numel() > 1 else None,
        **{f"{times}the range of the scores, max - min = {float(scores.max() - scores.min()):.4g}"
           ": you min-max normalised the scores ((s - s.min()) / (s.max() - s.min())) before "
           "the softmax; softmax the scaled scores as they are": float(scores.max()
                                                                     - scores.min()) * f
           for times, f in (("", 1.0), ("sqrt(d_k) times ", d_k ** 0.5))},
    }
    match = next((name for name, v in named.items()
                  if v is not None and v > 0 and abs(c - v) <= 1e-3 * v), None)
    if match:
        return f"{head}: your divisor is {match}."
    exact = d_k ** 0.5
    rounded = {f"sqrt(d_k) rounded to {name}": float(torch.tensor(exact, dtype=dt))
               for name, dt in (("float16", torch.float16), ("bfloat16", torch.bfloat16))}
    rounded.update({f"sqrt(d_k) rounded to {p} decimal(s)": round(exact, p) for p in (1, 2, 3)})
    low = next((name for name, v in rounded.items()
                if v != exact and abs(c - v) <= 2e-5 * v), None)
    if low:
        return (f"{head}: your divisor is {low}, {rounded[low]:.7g}, instead of {exact:.7g} "
                "(a scale made as a half-precision tensor, or a rounded constant): compute it in "
                "full precision, d_k ** 0.5 or math.sqrt(d_k).")
    return (f"{head}; {c:.4g} is none of sqrt(d_k), d_k, sqrt(num_tokens) = {n ** 0.5:.4g} or "
            f"the lengths of the query and keys; it is sqrt(d_k) times {c / d_k ** 0.5:.4g} "
            f"(or sqrt(d_k) {'+' if c >= d_k ** 0.5 else '-'} {abs(c - d_k ** 0.5):.4g}), "
            f"or d_k ** {math.log(c) / math.log(d_k):.3g}"
            if d_k > 1 else f"{head}; {c:.4g} is none of the sizes") + (
            ": compute the scale from d_k = keys.shape[-1] alone, d_k ** 0.5.")


def _reordered_hint(got, expected):
    """Name weights that are the right ones in another order (which key got whose weight)."""
    if not torch.equal(got.sort().values, expected.sort().values) or torch.equal(got, expected):
        return ""
    n = got.numel()
    src = [int((expected == v).nonzero()[0]) for v in got]
    how = (" (the order reversed, a flip)" if src == list(range(n - 1, -1, -1)) else
           f" (shifted by {(src[0] - 0) % n}, a roll)" if all(
               (src[i] - i) % n == src[0] % n for i in range(n)) else "")
    first = next(i for i in range(n) if src[i] != i)
    return (f"Your weights are the right ones in another order{how}: key {first} got the "
            f"weight of key {src[first]}; keep the keys' order (keys @ query gives key i's "
            "score at position i), without flipping or sorting.")


def _implied_scores_hint(got, scaled, impl):
    """Compare the scores the weights imply (log-weights, shifted to match) with the right
    scaled scores, and say where and how much they part."""
    if not bool((got > 0).all()) or got.numel() < 2:
        return ("Your weights sum to 1 but some are exactly 0 (a softmax never gives 0): a "
                "mask or a clamp hid some keys, or the scores hold -inf.")
    implied = got.double().log()
    implied = implied - implied.mean() + scaled.double().mean()
    diff = implied - scaled.double()
    j = int(diff.abs().argmax())
    s, bent = scaled.double(), None
    for name, f in (("s * |s|", s * s.abs()), ("s ** 2", s ** 2), ("|s|", s.abs()),
                    ("exp(s)", s.exp()), ("s ** 3", s ** 3)):  # implied = a * f(s) + c?
        basis = torch.stack([f, torch.ones_like(f)], 1)
        fit = torch.linalg.lstsq(basis, implied[:, None]).solution
        if got.numel() > 3 and abs(float(fit[0])) > 1e-3 and \
                float((basis @ fit)[:, 0].sub(implied).abs().max()) < 1e-4:
            bent = name
            break
    pos = torch.arange(got.numel(), dtype=torch.float64)
    step = float(((diff - diff.mean()) * (pos - pos.mean())).sum() / (pos - pos.mean())
                 .pow(2).sum()) if got.numel() > 3 else 0.0
    if abs(step) > 1e-4 and float((diff - diff.mean() - step * (pos - pos.mean())).abs().max()) \
            < 1e-4 * max(1.0, abs(step)):
        return (f"Your weights sum to 1 but their scores (the log-weights) are the right scaled "
                f"scores plus a term that grows by {step:.4g} per key position (key i gets "
                f"{step:.4g} * i more than key 0), a straight line over the {got.numel()} keys: "
                "a position-dependent term added to the scores (a recency or ALiBi-style bias, "
                "an arange?); this exercise's scores are the dot products alone, keys @ query "
                "/ sqrt(d_k).")
    return (f"Your weights sum to 1 but are no softmax of the scaled scores keys @ query / "
            f"sqrt(d_k) with any divisor: the scores they imply (the log-weights, shifted to "
            f"the same mean) differ most at key {j}, {float(implied[j]):.4g} instead of "
            f"{float(scaled[j]):.4g}, and the largest weight is at key {int(got.argmax())} "
            f"(expected key {int(torch.as_tensor(scaled).argmax())})" + (
                f": they are a * {bent} + c of the right scaled scores s (fitted over the "
                f"{got.numel()} keys), so a nonlinear step changed the scores before the "
                "softmax; use the scores as they are, only divided by sqrt(d_k)." if bent else
                _same_rank_note(got, scaled, impl) or
                ": the dot products themselves are computed differently (which numbers of the "
                "query and of each key are multiplied and summed?)" + _rank_note(got, scaled)
                + "."))


def _weights_follow_scores(impl):
    """Whether ``impl`` gives two keys with equal dot products (but different numbers and
    lengths) equal weights: then its weights depend on the scores alone."""
    query = torch.tensor([1.0, 1.0, 0.0])
    keys = torch.tensor([[1.0, 0.0, 0.0], [0.5, 0.5, 1.0], [2.0, 0.0, 0.0], [0.0, 0.0, 3.0],
                         [-1.0, 0.0, 0.0]])  # scores 1, 1, 2, 0, -1
    got = _try_call(impl, query, keys)
    return isinstance(got, torch.Tensor) and got.shape == (5,) and bool(
        torch.isfinite(got).all()) and abs(float(got[0] - got[1])) < 1e-6


def _same_rank_note(got, scaled, impl):
    """For weights that rank the keys as the scores do, and give keys of equal scores equal
    weights: how much flatter or sharper they are and what that means, else ""."""
    if not _weights_follow_scores(impl) or \
            [int(i) for i in torch.argsort(got.double(), descending=True)] != \
            [int(i) for i in torch.argsort(scaled.double(), descending=True)]:
        return ""
    right = torch.softmax(scaled.double(), -1)
    spread, want = float(got.max() - got.min()), float(right.max() - right.min())
    basis = torch.stack([right, torch.ones_like(right)], 1)
    a, c = (float(v) for v in torch.linalg.lstsq(basis, got.double()[:, None]).solution[:, 0])
    if got.numel() > 2 and abs(c) > 1e-6 and float((basis @ torch.tensor(
            [[a], [c]], dtype=torch.float64))[:, 0].sub(got.double()).abs().max()) < 1e-6:
        return (f": your weights are {a:.4g} * the right ones + {c:.4g} for every key, so "
                "the same amount was added to every exp(score) before dividing by the sum "
                f"(that amount is {c / a:.4g} times the right sum: an epsilon or a constant "
                "added to the numerator?); use torch.softmax(keys @ query / sqrt(d_k), "
                "dim=-1), with nothing added.")
    look = "flatter" if spread < want else "sharper"
    return (f": your weights rank the keys in the right order but are {look} "
            f"(largest minus smallest {spread:.4g}, expected {want:.4g}), so an increasing "
            "function other than exp turned the scores into weights (exp(s) / sum is the "
            "softmax: softplus, a power, or a bent score?), while two keys with equal dot "
            "products get equal weights from your code, so the dot products are right; use "
            "torch.softmax(keys @ query / sqrt(d_k), dim=-1).")


def _rank_note(got, scaled):
    """Say how the keys' order by weight differs from their order by dot product."""
    mine = [int(i) for i in torch.argsort(got.double(), descending=True)]
    right = [int(i) for i in torch.argsort(scaled.double(), descending=True)]
    if mine == right:
        return ("; your weights rank the keys in the right order, so each score is a "
                "different increasing function of its dot product (per key: a division or "
                "term that depends on the key itself, such as its length?)")
    return (f"; your weights rank the keys {mine}, the dot products rank them {right}: your "
            "scores measure something other than keys @ query")


def _after_softmax_pattern(got, expected):
    """Say how weights that do not sum to 1 relate to the right ones: a constant added, a
    power (the same exponent for every key), or where they differ most."""
    got, expected = got.double(), expected.double()
    shift = got - expected
    if float((shift - shift.mean()).abs().max()) < 1e-6:
        return (f": every weight is the right one plus {float(shift.mean()):.4g} (a constant "
                "added after the softmax, an epsilon?)")
    if bool((got > 0).all()) and bool((expected < 1 - 1e-9).all()):
        power = got.log() / expected.log()
        if float((power - power.mean()).abs().max()) < 1e-4:
            return (f": every weight is the right one to the power {float(power.mean()):.4g} "
                    "(weights raised to a power after the softmax, a temperature applied to "
                    "the weights instead of the scores?)")
    j = int((got - expected).abs().argmax())
    off = [int(i) for i in ((got - expected).abs() > 1e-5).nonzero()[:, 0]]
    only = (f"; only key(s) {off} of {got.numel()} differ, the others are right (a clamp, "
            "threshold or fix-up that touches some weights?)" if len(off) < got.numel() else "")
    return (f": they differ most at key {j}, yours {float(got[j]):.4g}, expected "
            f"{float(expected[j]):.4g}, yours / expected = {float(got[j] / expected[j]):.4g} "
            f"(no common factor, offset or power fits all keys){only}")


def check_attention_weights_for_query(impl):
    torch.manual_seed(123)  # the book's W_query, W_key of §3.4.1
    W_query, W_key = torch.rand(3, 2), torch.rand(3, 2)
    query, keys = INPUTS[1] @ W_query, INPUTS @ W_key
    cases = [(query, keys)]
    gen = torch.Generator().manual_seed(0)
    cases.append((torch.randn(64, generator=gen) * 2, torch.randn(10, 64, generator=gen) * 2))
    cases.append((torch.randn(9, generator=gen) * 0.7, torch.randn(4, 9, generator=gen) * 0.7))
    # d_k = 7 is not a perfect square
    cases.append((torch.randn(7, generator=gen), torch.randn(5, 7, generator=gen)))
    # large scores (about 100 after scaling): exp overflows unless the softmax is stable
    cases.append((torch.randn(16, generator=gen) * 12, torch.randn(5, 16, generator=gen) * 12))
    # float64 inputs: the weights keep their dtype
    cases.append((torch.randn(11, generator=gen, dtype=torch.float64),
                  torch.randn(3, 11, generator=gen, dtype=torch.float64)))
    # a single key: the weights are [1.0], still of shape (1,)
    cases.append((torch.randn(6, generator=gen), torch.randn(1, 6, generator=gen)))
    # float16 inputs keep their dtype too: a float32 tensor in the formula would promote them
    half = (torch.randn(8, generator=gen).half(), torch.randn(3, 8, generator=gen).half())
    # a single float64 key: a shortcut such as torch.ones(1) for one key loses the dtype
    cases.append((torch.randn(5, generator=gen, dtype=torch.float64),
                  torch.randn(1, 5, generator=gen, dtype=torch.float64)))
    # each part is a case of its own: a failure that only freshly loaded copies of the file
    # avoid (a cache, a global) is named as state kept between calls
    check_cases(state_probed(impl, [
        ("the book's query and other sizes", lambda a: _check_weights_cases(
            a, query, keys, cases)),
        ("the book's keys reversed", lambda a: _check_weights_reversed(a, query, keys)),
        ("inputs that require gradients", lambda a: _check_weights_gradient(a, query, keys)),
        ("the book's numbers, float16 and bfloat16 inputs", lambda a: _check_weights_book(
            a, query, keys, *half)),
        ("transposed keys and the meta device", lambda a: _check_weights_layout(
            a, query, keys)),
        ("tiny weights", _check_weights_tiny),
        ("as on a machine with a GPU", lambda a: _check_not_moved_to_gpu(
            a, (query.clone(), keys.clone()), "for the book's query and keys",
            cause=_GPU_MOVE, mps=True)),
    ]))


def _check_weights_tiny(impl):
    """float64 scores far apart: weights far below 1e-6 must stay that small (relative
    tolerance), which an absolute tolerance of 1e-5 cannot see."""
    query = torch.tensor([4.0, -3.0, 2.0, 1.0], dtype=torch.float64)
    keys = torch.tensor([[3.0, 1, 0, 2], [-3, 2, -1, 0], [0, 0, 0, 0], [-4, 4, -2, -1]],
                        dtype=torch.float64) * 2
    expected = torch.softmax(keys @ query / 2.0, dim=-1)  # scaled scores 11, -20, 0, -33
    what = ("for float64 keys whose scaled scores are 11, -20, 0 and -33 (expected weights "
            f"{', '.join(f'{v:.3g}' for v in expected.tolist())})")
    got = _tensor(call_answer(impl, (query.clone(), keys.clone()), what), what, (4,))
    if got.shape != expected.shape or got.dtype != expected.dtype:
        return  # other cases judge shapes and dtypes
    if torch.allclose(got, expected, rtol=1e-6, atol=1e-300):
        # a float64 softmax sums to 1 within about 1e-16; every weight off by one common
        # factor (the sum) is a division by something other than the sum of exp
        total, ratio = float(got.sum()), got / expected
        if abs(total - 1) > 1e-12 and float(ratio.max() - ratio.min()) < 1e-3 * abs(
                total - 1):
            raise CheckFailure(
                f"{what} yours sum to {total:.12g}, not 1: every weight is the softmax's "
                f"times the same factor {total:.12g}, so the division was by something "
                f"{'larger' if total < 1 else 'smaller'} than the sum of the exps (an epsilon "
                "in the denominator, e / (e.sum() + eps)?); after subtracting the largest "
                "score the sum is at least 1, so divide by e.sum() alone, or use "
                "torch.softmax")
        return
    shown = ", ".join(f"{v:.3g}" for v in got.tolist())
    # these keys are square (4 x 4): query @ keys runs here, scoring the columns of keys
    if torch.allclose(got, torch.softmax(query @ keys / 2.0, dim=-1), rtol=1e-6, atol=1e-12):
        raise CheckFailure(f"{what} yours are {shown}, the softmax of query @ keys: with "
                           "square keys (4 x 4 here) that product runs, but it scores the "
                           "query against the COLUMNS of keys (it is keys.T @ query); each "
                           "row of keys is one key, so the scores are keys @ query (or "
                           "query @ keys.T), whatever the shapes")
    tiny = expected < 1e-8
    floor = got[tiny]
    if bool((floor == floor[0]).all()) and float(floor[0]) > 0 and bool(
            (got[~tiny] - expected[~tiny]).abs().max() < 1e-9):
        raise CheckFailure(f"{what} yours are {shown}: the weights below {float(floor[0]):.3g} "
                           f"were raised to exactly {float(floor[0]):.3g} (a clamp(min="
                           f"{float(floor[0]):.3g}) or a floor after the softmax), so they sum to "
                           f"{float(got.sum()):.10g}, not 1; return torch.softmax's output as it "
                           "is (exp already keeps every weight above 0)")
    if bool((floor == 0).all()) and bool((got[~tiny] - expected[~tiny]).abs().max() < 1e-9):
        raise CheckFailure(f"{what} yours are {shown}: the weights below 1e-8 were set to "
                           "exactly 0 (a threshold or mask after the softmax), so the keys "
                           "they belong to lose their share; return torch.softmax's output "
                           "as it is")
    offset = got.double() - expected
    if float(offset.min()) > 0 and float(offset.max() - offset.min()) < 1e-4 * float(
            offset.max()):
        raise CheckFailure(f"{what} yours are {shown}: every weight is {float(offset[0]):.3g} "
                           "too high (a constant added after the softmax, an epsilon?), so they"
                           " sum to more than 1; return torch.softmax's output as it is")
    relation = describe_difference(got, expected)
    worst = int(((got - expected).abs() / expected).argmax())
    raise CheckFailure(f"{what} yours are {shown}: weight {worst} is off by a factor of "
                       f"{float(got[worst] / expected[worst]):.3g}, although the larger weights "
                       f"agree within 1e-5 (expected {float(expected[worst]):.3g}, yours "
                       f"{float(got[worst]):.3g}): a step in or after the softmax (an epsilon "
                       "added to exp or to the weights, a clamp, a threshold, rounding or "
                       "float32 arithmetic) changes the smallest weights. "
                       f"{relation}".rstrip())


def _check_weights_cases(impl, query, keys, cases):
    """The weights of each (query, keys) case, with the replays that name a mistake."""
    # the same keys with the query negated: weights that do not change ignore the query
    state = torch.get_rng_state()  # an answer that draws random numbers sees the usual ones
    same = [_try_call(impl, v.clone(), keys.clone()) for v in (query, -query)]
    torch.set_rng_state(state)
    if all(isinstance(w, torch.Tensor) and w.shape == (keys.shape[0],) for w in same) and \
            _close(same[0], same[1]) and not _close(same[0], torch.softmax(keys @ query / 2 ** 0.5,
                                                                            -1)):
        row = next((i for i in range(keys.shape[0]) if _close(same[0], torch.softmax(
            keys @ keys[i] / 2 ** 0.5, -1))), None)
        if row is not None:  # other weights that ignore the query are left to the replays
            raise CheckFailure("for the book's six keys, your weights for the query and for "
                               "the negated query are the same: your function ignores its "
                               f"query argument (your weights are those of keys[{row}] used "
                               "as the query); score the query you are given, keys @ query")
    answers = []
    for q, k in cases:
        what = f"for a query of shape {tuple(q.shape)} and keys of shape {tuple(k.shape)}"
        given_q, given_k = q.clone(), k.clone()
        got = _tensor(call_answer(impl, (given_q, given_k), what, [
            (f"mat ({k.shape[1]}x{k.shape[0]})", "You multiplied keys.T @ query: keys is "
             "(num_tokens, d_k), so the scores are keys @ query (one dot product per key)."),
            ("1D tensors expected", "torch.dot multiplies two 1-D vectors, and keys is 2-D "
             "(num_tokens, d_k): use keys @ query (or torch.mv(keys, query)), one dot "
             "product per key."),
            *((key, "torch.mm multiplies two 2-D matrices, and the query is 1-D (d_k,): use "
               "keys @ query, or torch.mv(keys, query) for a matrix times a vector.")
              for key in ("mat2 must be a matrix", "self must be a matrix")),
            ("must be Tensor, not int", "torch.sqrt takes a tensor, and d_k = keys.shape[-1] "
             "is a Python int: divide by d_k ** 0.5 (or math.sqrt(d_k))."),
            ("'torch.Size'", "Your d_k is a whole shape (a torch.Size such as query.shape or "
             "keys.shape), a tuple of sizes, not a number: take one size, d_k = "
             "keys.shape[-1]."),
            (f"(1x{k.shape[1]} and {k.shape[0]}x{k.shape[1]})", "You multiplied query @ keys: "
             "keys is (num_tokens, d_k), so the scores are keys @ query (or query @ keys.T), "
             "one dot product per key."),
            *(((key, f"The inputs are {q.dtype} (float32 inputs pass) and your code "
                "mixes them with float32 numbers: a .float() on the query or keys, or a tensor "
                "you made without dtype= (a torch.tensor(1.0) compared with the sum?); compute "
                "in the inputs' own dtype.") for key in ("same dtype", "did not match Float"))
              if q.dtype != torch.float32 else ())]),
            what, (k.shape[0],))
        if not (torch.equal(given_q, q) and torch.equal(given_k, k)):
            raise CheckFailure(f"{what}: your function changed the query or keys it was given "
                               "(an in-place /= or masked_fill_?); compute new tensors, e.g. "
                               "scores / d_k ** 0.5, and leave the inputs unchanged")
        if got.shape != (k.shape[0],):
            summed = ("your result is 0-d: with a single key your code dropped the token "
                      "dimension (a .squeeze() of (num_tokens, 1) scores removes both sizes of "
                      "1; use .squeeze(-1), or keys @ query). " if got.dim() == 0 else
                      f"your weights are those of the first d_k = {k.shape[1]} keys only "
                      f"(keys[:{k.shape[1]}]): a loop over range(keys.shape[1]) (d_k, the "
                      "features) instead of range(keys.shape[0]) (the tokens, one score per "
                      "key); loop over the keys, or use keys @ query. "
                      if got.shape == (k.shape[1],) and k.shape[1] < k.shape[0] and _close(
                          got, torch.softmax(k[:k.shape[1]] @ q / k.shape[1] ** 0.5, -1)) else
                      "you multiplied keys * query and summed over the tokens (dim 0), which "
                      "gives one number per feature; a score sums over the d_k features of one "
                      "key: keys @ query. " if got.shape == (k.shape[1],) else
                      "you kept a dimension of size 1 (a query unsqueezed to (1, d_k), or "
                      "query.view(1, -1)); return one weight per key, without the extra "
                      "dimension. " if got.shape == (1, k.shape[0]) else
                      "you kept a column of size 1 (scores from keys @ query.unsqueeze(1) or "
                      "query.view(-1, 1)), so your softmax runs over dim 0 of (num_tokens, 1) "
                      "scores; use keys @ query, one score per key, and softmax over dim=-1. "
                      if got.shape == (k.shape[0], 1) else
                      "your result has the keys' shape (num_tokens, d_k): it is "
                      "softmax(keys * query / sqrt(d_k), dim=-1), an elementwise product with "
                      "no sum over the d_k features; a score is one number per key: keys @ "
                      "query, or (keys * query).sum(-1). " if got.shape == tuple(k.shape) and
                      _close(got, torch.softmax(k * q / k.shape[-1] ** 0.5, -1)) else "")
            if got.shape == (k.shape[0] - 1,) and k.shape[0] > 1:
                d_k = k.shape[-1]
                cut = next((c for c, part in (("keys[1:]", k[1:]), ("keys[:-1]", k[:-1]))
                            if _close(got, torch.softmax(part @ q / d_k ** 0.5, -1))), None)
                summed = (f"one key fewer than the {k.shape[0]} given: your weights are those "
                          f"of {cut}, so an off-by-one slice left a key out; " if cut else
                          f"one weight fewer than the {k.shape[0]} keys (an off-by-one slice "
                          "or range?); ") + "every key gets a weight, the query's own too. "
            raise CheckFailure(f"{what} you returned shape {tuple(got.shape)}; {summed}expected "
                               f"one weight per key: ({k.shape[0]},)")
        if got.dtype != q.dtype and k.shape[0] == 1 and bool((got == 1).all()):
            raise CheckFailure(f"{what} of dtype {q.dtype} your weights are a {got.dtype} "
                               "[1.0]: for a single key your code returns a tensor of ones of "
                               "its own (a shortcut such as torch.ones(1) for one key?), made "
                               "in the default dtype, on the CPU and outside autograd; the "
                               "softmax of one score is already [1.0]: drop the shortcut and "
                               "compute the weights as for any number of keys")
        if got.dtype != q.dtype:
            tracked = _try_call(impl, q.clone().requires_grad_(True),
                                k.clone().requires_grad_(True))
            rebuilt = isinstance(tracked, torch.Tensor) and not tracked.requires_grad
            raise CheckFailure(f"{what} of dtype {q.dtype} your weights are {got.dtype}" + (
                ", and for inputs that require gradients your weights do not: your scores are "
                "a new tensor built from plain numbers (torch.tensor([...]) of .item() or "
                ".tolist() values), which takes the default float32 and leaves autograd; "
                "compute them from the tensors themselves, keys @ query" if rebuilt else
                ": keep the inputs' dtype (no .float() or dtype= in the softmax)"))
        answers.append((what, q, k, got))
    # a cause that reproduces the answer in every case is the best evidence
    replays = [_weight_mistakes(q, k) for _, q, k, _ in answers]
    everywhere = next((c for c in replays[0] if all(
        _close(got, r[c]) for (_, _, _, got), r in zip(answers, replays))), None)
    if not everywhere:  # a divisor named in one case beats a replay that fits one d_k only
        import math

        divs = [(c, k.shape[-1]) for _, q, k, got in answers
                if (c := _implied_divisor(got, k @ q)) is not None]
        ratios = [c / d ** 0.5 for c, d in divs]
        if len(divs) >= 3 and max(ratios) - min(ratios) < 1e-3 * ratios[0] and all(
                abs(ratios[0] - r) > 1e-3 * r for r in (1.0, 1 / math.log(2),
                                                        1 / math.log(10))):
            f = ratios[0]
            raise CheckFailure(
                f"for every d_k tried ({', '.join(str(d) for _, d in divs)}) your weights are "
                f"softmax(scores / (sqrt(d_k) * {f:.4g})): the scale is right but for a "
                f"constant factor {f:.4g} (your scores are multiplied by an extra "
                f"{1 / f:.4g}: a temperature, or a factor left in the formula); divide the "
                "scores by sqrt(d_k) alone, d_k ** 0.5")
        named = next(((what, hint) for what, q, k, got in sorted(  # largest d_k first
                          answers, key=lambda a: -a[2].shape[-1]) if got.shape == (k.shape[0],)
                      and ": your divisor is" in (hint := _divisor_hint(
                          got, k @ q, k.shape[-1], q, k))), None)
        if named:
            raise CheckFailure(f"{named[0]}: {named[1]}")
    for (what, q, k, got), replay in zip(answers, replays):
        scores, d_k = k @ q, k.shape[-1]
        expected = torch.softmax(scores / d_k ** 0.5, dim=-1)
        if _close(got, expected, 1e-5):
            if q.dtype == torch.float64 and _max_diff(got, expected) > 1e-12:
                _float32_steps_hint(what, got, q, k)  # raises when a float32 step replays
            continue
        cause = everywhere or likely_cause(got, replay)
        if cause:
            raise CheckFailure(f"{what}: {cause}")
        places = next((d for d in range(1, 7) if _close(got, expected.round(decimals=d),
                                                            1e-7)), None)
        if places is not None:
            raise CheckFailure(f"{what} your weights are the right ones rounded to {places} "
                               f"decimals (.round(decimals={places})?): yours "
                               f"{[round(v, 6) for v in got.tolist()]}, expected "
                               f"{[round(v, 6) for v in expected.tolist()]}; return them "
                               "unrounded (the book only prints 4 decimals)")
        if not torch.isfinite(got).all() and bool(torch.isfinite(expected).all()):
            raise CheckFailure(f"{what} (scaled scores up to {(scores / d_k ** 0.5).max():.0f}) "
                               "your weights contain inf or NaN: exp of a large score "
                               "overflows. Use torch.softmax, which subtracts the largest "
                               "score first")
        total = float(got.sum())
        ratio = got.double() / expected.double()
        proportional = bool(torch.isfinite(ratio).all()) and \
            float((ratio - ratio.mean()).abs().max()) < 1e-5 * float(ratio.abs().mean())
        kept = got != 0
        factor = float((got[kept].double() / expected[kept].double()).mean()) if \
            bool(kept.any()) else 0.0
        # a common factor needs two kept weights to show; a mask would keep the sum at 1
        dropped = bool((~kept).any()) and int(kept.sum()) >= 2 and abs(total - 1) > 1e-3 and \
            bool((expected[~kept] > 1e-6).all()) and factor > 1 + 1e-3 and \
            _close(got[kept].double(), expected[kept].double() * factor)
        again = _try_call(impl, q.clone(), k.clone()) if dropped else None
        fallback = (f"{int((~kept).sum())} of your {got.numel()} weights are exactly 0 and the "
                    f"others are the right ones times {factor:.4g} = 1 / (1 - {1 - 1 / factor:.3g})"
                    + (", and a second call with the same inputs gave other weights"
                       if isinstance(again, torch.Tensor) and not torch.equal(again, got) else "")
                    + ": that is dropout with p = "
                    f"{1 - 1 / factor:.3g} (F.dropout drops in every call, its training=True is "
                    "the default); the attention weights of this exercise have no dropout: "
                    "return torch.softmax(scores / sqrt(d_k), dim=-1) as it is."
                    if dropped else
                    f"Your weights are the right ones times {total:.4g} (so they sum to "
                    f"{total:.4g}, not 1): they rise and fall like the softmax's but are "
                    "normalised differently: a step after the softmax scaled them, or "
                    "exp(scores) was divided by something other than its sum; return "
                    "torch.softmax(scores / sqrt(d_k)) as it is."
                    if abs(total - 1) > 1e-3 and proportional else
                    f"Your weights sum to {total:.4g}, not 1, as softmax weights always do: a "
                    "step after the softmax changed them" + _after_softmax_pattern(got, expected)
                    + ", or your normalisation is not a softmax over the keys; scale the scores "
                    "before torch.softmax and return its output as it is."
                    if abs(total - 1) > 1e-3 else
                    _reordered_hint(got, expected) or _implied_scores_hint(
                        got, scores / d_k ** 0.5, impl)) + (
            " Scores are the dot products keys @ query (one per key), scaled by sqrt(d_k), then "
            "softmax over the keys.")
        assert_close(got, expected, what=f"the attention weights {what}", atol=1e-5,
                     hint=_divisor_hint(got, scores, d_k, q, k)
                     or _capped_hint(got, scores / d_k ** 0.5) or fallback)


def _float32_steps_hint(what, got, q, k):
    """float64 weights right to float32 precision only: name the step replayed in float32 (a
    float32 scale alone is accepted: it is one rounded constant)."""
    d_k, scores = k.shape[-1], k @ q
    steps = {"the softmax was computed in float32 and cast back (a .float() before "
             "torch.softmax, then .to(dtype) or .double())": torch.softmax(
                 (scores / d_k ** 0.5).float(), -1).double(),
             "the scores were computed in float32 (a .float() on the query or keys) and the "
             "weights cast back": torch.softmax((k.float() @ q.float()) / d_k ** 0.5, -1)
             .double()}
    named = next((c for c, r in steps.items() if _max_diff(got, r) <= 1e-12), None)
    if named:
        raise CheckFailure(
            f"{what} of dtype float64 your weights are float64 but off by up to "
            f"{_max_diff(got, torch.softmax(scores / d_k ** 0.5, -1)):.2g}, the size of "
            f"float32 rounding (a float64 computation agrees within 1e-12): {named}; keep "
            "every step in float64")


def _check_weights_reversed(impl, query, keys):
    """The book's query with its keys, then with its keys reversed: a cache keyed on the query
    (or on a shape) returns the first call's weights again."""
    first = _tensor(call_answer(impl, (query.clone(), keys.clone()), "for the book's query"),
                    "for the book's query", (keys.shape[0],))
    flipped = keys.flip(0)
    again = _try_call(impl, query.clone(), flipped.clone())
    right = torch.softmax(flipped @ query / 2 ** 0.5, -1)
    if isinstance(again, torch.Tensor) and not _close(again, right) and _close(again, first):
        raise CheckFailure("for the book's query with its six keys in reverse order your weights "
                           "are those of your earlier call with the same query and the keys in "
                           "their usual order: your code keeps results between calls (a cache, "
                           "dict or global keyed on the query or on a shape?); the weights "
                           "depend on the keys too, so compute them in every call")
    assert_close(again, right, what="the weights for the book's query with its keys reversed",
                 atol=1e-5)


def _check_weights_book(impl, query, keys, q16, k16):
    """The book's printed weights, and float16 and bfloat16 inputs that keep their dtype."""
    book = torch.tensor([0.1500, 0.2264, 0.2199, 0.1311, 0.0906, 0.1820])
    assert_close(impl(query, keys), book, what="the weights for the book's 'journey' query",
                 atol=1e-4)
    # bfloat16 keeps 8 bits of mantissa: a tolerance of a few of its steps near 0.5
    for dtype, atol in ((torch.float16, 3e-3), (torch.bfloat16, 2e-2)):
        q, k = q16.to(dtype), k16.to(dtype)
        name = str(dtype).removeprefix("torch.")
        what = f"for a {name} query of shape (8,) and keys of shape (3, 8)"
        got = _tensor(call_answer(impl, (q, k), what), what, (3,))
        if got.dtype != dtype:
            raise CheckFailure(f"{what} your weights are {got.dtype}" + (
                ", while float16 inputs keep float16" if dtype != torch.float16 else "")
                + f": keep the inputs' dtype; a .float() on the query or keys (or scores), or "
                f"a float32 tensor of your own in the formula (torch.tensor([d_k])), promotes "
                f"{name} scores: compute in the inputs' dtype and divide by the Python number "
                "d_k ** 0.5")
        assert_close(got.float(), torch.softmax((k @ q).float() / 8 ** 0.5, -1),
                     what=f"the attention weights {what}", atol=atol)


def _check_weights_layout(impl, query, keys):
    """Keys that are a transposed view (not contiguous in memory), then inputs on the 'meta'
    stand-in device: the weights follow the inputs' values and device, not their layout."""
    strided = keys.T.contiguous().T  # the same numbers, stored column by column
    what = ("for the book's query and its keys (6, 2) as a transposed view (not contiguous in "
            "memory, as .T gives)")
    got = _tensor(call_answer(impl, (query.clone(), strided), what, [
        ("view size is not compatible", "Contiguous keys work: your code reshapes the keys "
         "with .view, which needs contiguous memory; keys @ query needs no reshape (or use "
         ".reshape).")]), what, (6,))
    assert_close(got, torch.softmax(keys @ query / 2 ** 0.5, -1), what=f"the weights {what}",
                 atol=1e-5, hint="The same keys made contiguous (.contiguous()) give the right "
                 "weights: your code reads the keys' memory layout (strides, .view, "
                 "as_strided, .storage()) instead of their values.")
    _check_stays_on_device(impl, (torch.zeros(2, device="meta"), torch.zeros(6, 2, device="meta")),
                           "for a query (2,) and keys (6, 2) on the 'meta' device", cause=(
        "CPU inputs pass, so a tensor your code creates lands on the CPU: torch.empty/zeros/"
        "tensor(...) without device=keys.device (a buffer of scores filled in a loop?) or a "
        "CPU-only step; compute the scores from the inputs (keys @ query), or create the "
        "buffer with device=keys.device, or the code fails on a GPU"))


def _check_weights_gradient(impl, query, keys):
    """The weights are part of a trained model: gradients must reach the query and keys."""
    q, k = query.clone().requires_grad_(True), keys.clone().requires_grad_(True)
    what = "for a query (2,) and keys (6, 2) that require gradients"
    got = _tensor(call_answer(impl, (q, k), what), what, (6,))
    if not got.requires_grad:
        raise CheckFailure(f"{what} your weights do not depend on them for autograd "
                           "(computed under torch.no_grad() or torch.inference_mode(), "
                           "detached, or rebuilt from .tolist() / .item() numbers): attention "
                           "is trained through these weights, so keep them in the graph")
    try:
        got[0].backward()
    except RuntimeError as err:
        if "inplace operation" not in str(err):
            raise
        op = _inplace_op(err)
        raise CheckFailure(
            f"{what} backward() through your weights fails: a tensor autograd saved was "
            f"changed in place afterwards (PyTorch: 'modified by an inplace operation'"
            + (f", on the output of {op}" if op else "") + "): " + _INPLACE_STEPS.get(
                op, "an in-place step (-=, /=, *=, a [...] = ... assignment or a method ending "
                "in _) overwrote a tensor an earlier step needs for its gradient: write "
                "x = x - ... instead of x -= ...") + "; attention is trained through these "
            "weights") from None
    if q.grad is None or k.grad is None:
        raise CheckFailure(f"{what} no gradient reached the "
                           f"{'query' if q.grad is None else 'keys'}: compute the weights "
                           "from the tensors you are given, not from copies")
    if not _close(got.detach(), torch.softmax(keys @ query / 2 ** 0.5, -1)):
        return  # wrong weights: the other cases name them
    rq, rk = query.clone().requires_grad_(True), keys.clone().requires_grad_(True)
    s = rk @ rq / 2 ** 0.5
    detached = ("the softmax's denominator was taken out of autograd (a sum turned into a Python "
                "number with .item() or float(), or .detach()ed), so the gradient misses how "
                "every weight depends on the other scores")
    replays = [(detached, torch.exp(s) / torch.exp(s).sum().detach()),  # with and without the
               (detached, torch.exp(s - s.max()) / torch.exp(s - s.max()).sum().detach()),  # shift
               ("the scores were divided by sqrt(d_k) outside autograd (scores.data /= ... or "
                "under torch.no_grad()), so the gradient is sqrt(d_k) times too large",
                torch.softmax(rk @ rq + (s - rk @ rq).detach(), -1)),
               (None, torch.softmax(s, -1))]
    grads = [(c, torch.autograd.grad(r[0], (rq, rk), retain_graph=True)) for c, r in replays]
    right = grads.pop()[1]
    if not (_close(q.grad, right[0], 1e-6) and _close(k.grad, right[1], 1e-6)):
        named = next((c for c, (gq, gk) in grads
                      if _close(q.grad, gq, 1e-6) and _close(k.grad, gk, 1e-6)), None)
        relation = describe_difference(q.grad, right[0], where=False).rstrip(".")
        raise CheckFailure(
            f"{what}: the gradient of weight 0 with respect to the query is "
            f"{[round(v, 4) for v in q.grad.tolist()]}, expected "
            f"{[round(v, 4) for v in right[0].tolist()]}: " + (named or (
                "your weights are right but their gradient is not that of torch.softmax: a "
                "step takes part of the computation out of autograd (.item(), float(), "
                ".detach(), .data or numbers from .tolist())" + (f". {relation}" if relation
                                                                else ""))) +
            "; use torch.softmax(scores / sqrt(d_k), dim=-1) on the tensors as they are")


# --- ex3_2: the causal mask -----------------------------------------------------------------------


def _reference_causal(scores, fill=-torch.inf, past=False, dim=-1, divide=1.0):
    n = scores.shape[-1]
    ones = torch.ones(n, n, dtype=torch.bool)
    hidden = torch.tril(ones, diagonal=-1) if past else torch.triu(ones, diagonal=1)
    return torch.softmax(scores.masked_fill(hidden, fill) / divide, dim=dim)


def check_causal_attention_weights(impl):
    gen = torch.Generator().manual_seed(1)
    shapes = (torch.zeros(3, 3), torch.randn(2, 3, 6, 6, generator=gen) * 2,
              torch.randn(4, 5, 5, generator=gen),
              torch.randn(7, 2, 2, generator=gen, dtype=torch.float64))
    half = torch.randn(4, 4, generator=gen).half()
    one = torch.randn(1, 5, 5, generator=gen)
    # each part is a case of its own: a failure that only freshly loaded copies of the file
    # avoid (a mask cached by size, a global) is named as state kept between calls
    check_cases(state_probed(impl, [
        ("scores of four shapes", lambda a: _check_causal_shapes(a, shapes)),
        ("low scores", _check_low_scores),
        ("rows far apart", _check_rows_far_apart),
        ("many tokens", _check_many_tokens),
        ("gradients", _check_causal_gradient),
        ("non-contiguous scores", _check_noncontiguous_scores),
        ("high future scores", _check_high_future_scores),
        ("future scores far higher", _check_far_future_scores),
        ("float16, the meta device, a batch of one and one token", lambda a: _check_causal_edges(
            a, half, one)),
        ("one scores tensor refilled", _check_new_scores_same_shape),
        ("as on a machine with a GPU", lambda a: _check_not_moved_to_gpu(
            a, (torch.zeros(2, 4, 4),), "for scores of shape (2, 4, 4)", cause=_GPU_MOVE,
            mps=True)),
    ]))


def _check_new_scores_same_shape(impl):
    """One scores tensor refilled in place with new numbers between calls (a buffer reused by
    the caller): a result cached by the tensor's id or by its shape comes back."""
    gen = torch.Generator().manual_seed(7)
    scores = torch.empty(2, 4, 4)
    for i in range(3):
        scores.copy_(torch.randn(2, 4, 4, generator=gen))
        what = (f"for one (2, 4, 4) scores tensor refilled in place with new numbers (call "
                f"{i + 1} of 3)")
        got = _tensor(call_answer(impl, (scores,), what), what, scores.shape)
        assert_close(got, _reference_causal(scores), what=f"the weights {what}", atol=1e-5)


def _flattened_lead_hint(impl, got, scores):
    """Right weights in the right order but another shape, and 4-D scores come back with
    fewer dimensions: the leading dimensions were merged (``reshape(-1, n, n)``) and never
    given back. A mask with more dimensions gives the same numbers for 2-D scores but keeps
    the shape of 4-D ones, which tells the two apart."""
    if got.numel() != scores.numel() or got.dtype != scores.dtype:
        return None
    if not _close(got.reshape(scores.shape), _reference_causal(scores)):
        return None
    probe = torch.randn(2, 3, 5, 5, generator=torch.Generator().manual_seed(29))
    mine = _try_call(impl, probe.clone())
    if (not isinstance(mine, torch.Tensor) or mine.dim() >= probe.dim()
            or mine.numel() != probe.numel() or mine.dtype != probe.dtype
            or not _close(mine.reshape(probe.shape), _reference_causal(probe))):
        return None
    return (f"you returned weights of shape {tuple(got.shape)}, and for (2, 3, 5, 5) scores "
            f"of shape {tuple(mine.shape)}: the numbers are right and in the right order, "
            "but the leading batch and head dimensions were merged into one (a "
            "reshape(-1, n, n), view or flatten) and the result not viewed back to the "
            "scores' shape. End with weights.reshape(attn_scores.shape) (or "
            "view_as(attn_scores)), or skip the reshape: masked_fill with one (n, n) mask "
            "and torch.softmax(..., dim=-1) handle any leading dimensions")


def _batch_assumed_hint(impl, scores):
    """2-D scores come back with extra leading dimensions while 3-D and 4-D scores come out
    right: the code assumes a batch dimension. A mask of 3 or 4 dimensions broadcasts batched
    scores up too (nanoGPT's view(1, 1, n, n)), so their being right rules it out; a random
    2-D probe then tells an added size-1 dimension from a loop over the rows."""
    if scores.dim() != 2 or len(_layouts_handled(impl, 2)) < 2:
        return None
    probe = torch.randn(5, 5, generator=torch.Generator().manual_seed(31)) * 2
    mine = _try_call(impl, probe.clone())
    if not isinstance(mine, torch.Tensor) or not mine.is_floating_point():
        return None
    start = ("your code gets 3-D and 4-D scores right, so the mask is fine for batches, but "
             "2-D scores have no batch dimension and gain one. ")
    end = (" masked_fill with one (n, n) mask and torch.softmax(..., dim=-1) work on 2-D "
           "scores as they are and on any leading dimensions")
    if _close(mine, _reference_causal(probe).unsqueeze(0)):
        return (start + "For random 5 x 5 scores yours are the right weights with a size-1 "
                "dimension in front: a batch dimension added for 2-D scores and never taken "
                "off again (attn_scores.unsqueeze(0) or attn_scores[None]), or a (1, n, n) "
                "mask (mask.unsqueeze(0)) that broadcasts 2-D scores up. Return weights of "
                "the scores' shape: drop the unsqueeze or squeeze(0) what you added;" + end)
    if _close(mine, _reference_causal(probe.unsqueeze(1).expand(5, 5, 5))):
        return (start + "For random 5 x 5 scores yours are n causal matrices, matrix i built "
                "from query i's row alone: your code loops (or unbinds) over the first "
                "dimension as if it were the batch, which for 2-D scores gives each query's "
                "row of scores on its own, a 1-D tensor that masked_fill broadcasts up to "
                "the whole (n, n) mask, and stacks the results. Do not loop:" + end)
    return (start + "Does your code assume a batch dimension (a loop over dim 0, an "
            "unsqueeze or a stack)?" + end)


def _check_causal_shapes(impl, shapes):
    """Causal weights for scores of several shapes, with the replays that name a mistake."""
    for scores in shapes:
        what = f"for scores of shape {tuple(scores.shape)}"
        given = scores.clone()
        mask_hint = ("Build the mask from the last dimension, attn_scores.shape[-1] (here the "
                     "scores also have batch or head dimensions)." if scores.dim() > 2 else "")
        try:
            got = call_answer(impl, (given,), what, [
                ("must match the size", mask_hint),
                ("only supports boolean masks", "masked_fill takes a boolean mask: make the mask "
                 "with dtype=torch.bool, or call .bool() on a 0/1 mask."),
                ("must have at least 2 dimensions", "torch.triu needs a 2-D tensor: build the "
                 "(num_tokens, num_tokens) mask from n = attn_scores.shape[-1] (an indexed "
                 "row such as attn_scores[0] of 2-D scores is 1-D)."),
                ("The shape of the mask", "Boolean indexing, scores[mask] = -inf, lines the "
                 "(n, n) mask up with the FIRST dimensions of the scores, here batch or head "
                 "dimensions: use scores.masked_fill(mask, -torch.inf), which broadcasts the "
                 "mask over the last two.")])
        except CheckFailure as err:
            n = scores.shape[-1]
            probe = torch.randn(5, 5, generator=torch.Generator().manual_seed(13)) * 3
            mine = _try_call(impl, probe.clone()) if "must match the size" in str(err) else None
            if isinstance(mine, torch.Tensor) and mine.shape == probe.shape and _close(
                    mine, _shift_no_keepdim(probe)):
                raise CheckFailure(
                    f"{str(err).replace(mask_hint, '').rstrip()} On plain 5 x 5 random scores "
                    "your weights are a softmax shifted by each row's maximum taken without "
                    "keepdim=True: scores.amax(dim=-1) (or max(dim=-1).values) has shape "
                    "(..., num_tokens) and lines up with the keys, so key j gets query j's "
                    "maximum subtracted, which the row's sum does not cancel (on batched "
                    "scores the shapes clash instead). Keep the dimension, amax(dim=-1, "
                    "keepdim=True), or use torch.softmax(masked, dim=-1)") from err
            if scores.dim() > 2 and "must match the size" in str(err):
                layouts = _layouts_handled(impl, scores.dim())
                # only a layout assumption gets more leading dimensions right than these: a
                # mask sized from a wrong dimension fails the (2, 3, 5, 5) probe as well
                if any(int(w[0]) > scores.dim() for w in layouts):
                    raise CheckFailure(
                        f"{str(err).replace(mask_hint, '').rstrip()} Your code gets "
                        f"{' and '.join(layouts)} scores right, so its mask is fine, but "
                        f"these {scores.dim()}-D ones break it: it assumes one layout of the "
                        "leading dimensions (a loop or unbind over dim 1, the heads, or a "
                        "reshape written for (batch, heads, n, n)?). The scores may have any "
                        "number of leading batch or head dimensions: masked_fill with one "
                        "(n, n) mask and torch.softmax(..., dim=-1) handle them all at "
                        "once") from err
            if scores.dim() > 2 and not _works_on_2d(impl, n):
                raise CheckFailure(f"{err} Your code handled 3 tokens but fails on plain "
                                   f"{n} x {n} scores too: is the mask kept from an earlier "
                                   "call (a global or a cache)? Build it in every call from "
                                   "attn_scores.shape[-1].") from err
            raise
        got = _tensor(got, what, scores.shape)
        if not torch.equal(given, scores):
            raise CheckFailure(f"{what}: your function changed the scores it was given (an "
                               "in-place masked_fill_?); use masked_fill, which returns a copy")
        if got.shape != scores.shape:
            flattened = _flattened_lead_hint(impl, got, scores)
            if flattened:
                raise CheckFailure(f"{what} {flattened}")
            extra = got.dim() - scores.dim()
            if extra > 0 and got.shape[extra:] == scores.shape:
                lead = tuple(got.shape[:extra])
                assumed = _batch_assumed_hint(impl, scores)
                if assumed:
                    raise CheckFailure(f"{what} you returned weights of shape "
                                       f"{tuple(got.shape)}: {assumed}")
                raise CheckFailure(
                    f"{what} you returned weights of shape {tuple(got.shape)}: {extra} extra "
                    f"leading dimension(s) {lead} in front of the scores' shape. masked_fill "
                    "and torch.where broadcast the scores up to a mask with more dimensions: "
                    f"is your mask {got.dim()}-D (such as nanoGPT's bias buffer, "
                    "view(1, 1, n, n), or an unsqueezed mask)? Build it 2-D, (num_tokens, "
                    "num_tokens), which broadcasts over any leading batch or head dimensions")
            same = [i for i in range(min(got.dim(), scores.dim()))
                    if got.shape[-1 - i] == scores.shape[-1 - i]]
            raise CheckFailure(
                f"{what} you returned weights of shape {tuple(got.shape)}; the shape must not "
                f"change: {got.dim()} dimensions for {scores.dim()}-D scores"
                + (f", the last {len(same)} size(s) agree" if same == list(range(len(same)))
                   and same else ", not even the last size (the keys) agrees")
                + (" (a dimension dropped: a squeeze, an index such as [0], or a sum or "
                   "mean without keepdim?)" if got.dim() < scores.dim() else
                   " (sizes moved: a transpose or permute?)" if got.dim() == scores.dim()
                   and sorted(got.shape) == sorted(scores.shape) else
                   " (a dimension added: an unsqueeze, stack or broadcast against another "
                   "tensor?)" if got.dim() > scores.dim() else ""))
        if got.dtype != scores.dtype:
            raise CheckFailure(f"{what} of dtype {scores.dtype} your weights are {got.dtype}: "
                               + _stored_dtype_hint(impl, got, scores))
        n = scores.shape[-1]
        correct = _close(got, _reference_causal(scores))  # the exact checks below still run
        hidden = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
        if torch.equal(got, scores.masked_fill(hidden, -torch.inf)):
            raise CheckFailure(f"{what} you returned the masked scores (-inf above the "
                               "diagonal): finish with torch.softmax(masked, dim=-1)")
        if torch.isnan(got).all() and _all_nan_on_random(impl):
            raise CheckFailure(f"{what} every weight is NaN, and for random scores too: a mask "
                               "added as mask * -inf gives 0 * -inf = NaN wherever the mask "
                               "is 0; use masked_fill(mask.bool(), -torch.inf), or add a mask "
                               "that holds 0 and -inf")
        # NaN (a fully hidden row) is part of the evidence here: compare it as the value -1
        zero_hidden = torch.tril(scores)
        zero_cause = "you took every zero score for a hidden one"

        def zero_confirmed(cause, zero_cause=zero_cause):  # all-zero scores: NaN for others too
            if not cause.startswith(zero_cause):
                return True
            probe = torch.randn(4, 4, generator=torch.Generator().manual_seed(12))
            probe[2, 0] = probe[3, 1] = 0.0  # real scores of 0 in the visible part
            mine = _try_call(impl, probe.clone())
            low = torch.tril(probe)
            replay = torch.softmax(low.masked_fill(low == 0, -torch.inf), -1)
            return isinstance(mine, torch.Tensor) and _close(mine.nan_to_num(-1.0),
                                                             replay.nan_to_num(-1.0))

        cause = likely_cause(got.nan_to_num(-1.0), {  # dim -2 (the queries) is judged below
            "you filled the future scores with +inf (torch.inf) instead of -inf: exp(+inf) is "
            "inf, so every row that hides a key becomes inf / inf = NaN; fill them with "
            "-torch.inf": _reference_causal(scores, fill=torch.inf).nan_to_num(-1.0),
            **{f"you applied the softmax over dim {d}, a batch or head dimension"
               + (f" (F.softmax(x) or nn.Softmax() without dim= picks dim {d} for "
                  f"{scores.dim()}-D input, with a deprecation warning)"
                  if d == (0 if scores.dim() == 3 else 1) else "")
               + "; apply it over the keys, the last dimension (dim=-1)":
                   _reference_causal(scores, dim=d).nan_to_num(-1.0)
               for d in range(scores.dim() - 2)},
            f"{zero_cause} (tril, then masked_fill(x == 0)), but "
            "a real score can be 0: build the mask from the positions, torch.triu(torch.ones("
            "n, n), diagonal=1)": torch.softmax(zero_hidden.masked_fill(
                zero_hidden == 0, -torch.inf), -1).nan_to_num(-1.0),
            "your mask is inverted: only the future keys (above the diagonal) stay visible, "
            "the past keys and the diagonal are hidden, and the last row is all hidden (NaN); "
            "torch.where(mask, scores, -inf) keeps the scores where the mask is True: write "
            "torch.where(future, -torch.inf, scores), or masked_fill(future, -torch.inf), "
            "with future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)":
                torch.softmax(scores.masked_fill(~hidden, -torch.inf), -1).nan_to_num(-1.0),
            "you built the mask with torch.tril, which hides the past keys (and the last rows "
            "entirely); hide the future keys, above the diagonal: torch.triu(..., diagonal=1)":
                torch.softmax(scores.masked_fill(torch.tril(torch.ones(
                    n, n, dtype=torch.bool), diagonal=1), -torch.inf), -1).nan_to_num(-1.0),
        }, confirm=zero_confirmed) if not correct else None
        if cause:
            raise CheckFailure(f"{what}: {cause}")
        if not correct and _close(got.exp(), _reference_causal(scores)):
            raise CheckFailure(f"{what}: your weights are the logarithms of the right ones "
                               "(-inf above the diagonal, log-probabilities elsewhere): "
                               "log_softmax instead of softmax? Return torch.softmax(masked, "
                               "dim=-1), whose weights lie between 0 and 1 and sum to 1")
        if not torch.isfinite(got).all():
            rows = torch.isnan(got).reshape(-1, n, n).any(0).any(-1).nonzero().flatten()
            rows = rows.tolist()
            if not rows:  # inf, no NaN: not a fully hidden row
                first = [int(v) for v in (~torch.isfinite(got)).nonzero()[0]]
                raise CheckFailure(f"{what} your weights hold {int((~torch.isfinite(got)).sum())}"
                                   f" infinite entries (the first at index {tuple(first)}, "
                                   f"{float(got[tuple(first)])}) and no NaN: weights are "
                                   "probabilities between 0 and 1; the -inf of the mask belongs "
                                   "in the scores, before torch.softmax(masked, dim=-1)")
            rnd = _try_call(impl, torch.randn(2, 4, 4, generator=torch.Generator().manual_seed(
                10)))
            if bool((scores == scores.flatten()[0]).all()) and isinstance(
                    rnd, torch.Tensor) and bool(torch.isfinite(rnd).all()):
                raise CheckFailure(
                    f"{what}, all equal ({float(scores.flatten()[0]):g}), the weights of the "
                    f"queries {rows} are NaN, while random scores give finite weights: a "
                    "step divides by something that is 0 when every score is the same (the "
                    "scores' std, max - min or norm: 0 / 0 is NaN), or treats equal or zero "
                    "scores as hidden; mask and softmax the scores as given")
            why = ("Only row 0 is NaN, the row whose one visible key is the diagonal: does "
                   "your mask hide the diagonal? Token i must see itself: use "
                   "torch.triu(..., diagonal=1)" if rows == [0] else
                   "Row i may hide only the keys after i (above the diagonal): "
                   "masked_fill(torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1), "
                   "-torch.inf), then softmax over the last dimension")
            raise CheckFailure(f"{what} the weights of the queries {rows} are NaN (of "
                               f"{n} queries): a row whose keys are ALL hidden gives NaN after "
                               f"the softmax. {why}")
        cause = likely_cause(got, {
            _zero_fill_hint(impl): _reference_causal(scores, fill=0.0),
            "your mask hides the past keys instead of the future ones; hide the entries above "
            "the diagonal, torch.triu(..., diagonal=1)": _reference_causal(scores, past=True),
            "you scaled the scores again (by sqrt(num_tokens)); they arrive already scaled: "
            "only mask them and apply the softmax": _reference_causal(scores, divide=n ** 0.5),
            **({"you divided by w.sum(dim=-1) without keepdim=True, so column j was divided by "
                "row j's sum; keep the dimension (keepdim=True), or better mask with -inf before "
                "the softmax": _renorm_no_keepdim(scores)} if scores.dim() == 2 else {}),
        }) if not correct else None
        if cause:
            raise CheckFailure(f"{what}: {cause}")
        upper = got.triu(diagonal=1).abs().max().item() if n > 1 else 0.0
        if upper > 0:
            row, col = (got.triu(diagonal=1) != 0).nonzero()[0, -2:].tolist()
            next_key = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=2)
            transposed = n > 1 and bool((got.sum(-2) - 1).abs().max() < 1e-4) and bool(
                (got.tril(diagonal=-1) == 0).all())
            hint = ("Your weights are zero BELOW the diagonal and each COLUMN sums to 1: the "
                    "layout is transposed, a softmax over the queries (dim=-2) with the past "
                    "hidden (tril or a transposed mask); hide the keys above the diagonal, "
                    "torch.triu(..., diagonal=1), and apply the softmax over the keys, dim=-1"
                    if transposed else
                    "Your weights are the softmax of the right weights: the softmax was "
                    "applied twice, and the second one turns each hidden 0 into exp(0) > 0. "
                    "Apply torch.softmax(masked, dim=-1) once, to the masked scores"
                    if _close(got, torch.softmax(_reference_causal(scores), -1)) else
                    "Fill the scores above the diagonal with -inf before the softmax"
                    if not _close(got, torch.softmax(scores.masked_fill(next_key, -torch.inf),
                                                     -1))
                    else "Your mask leaves the key right after each query visible (torch.triu("
                         "..., diagonal=2)?): hide every key above the diagonal, diagonal=1")
            raise CheckFailure(f"{what}: future tokens leak: query {row} puts weight {upper:.3g} "
                               f"on later key {col}. {_leak_pattern(got, n)}{hint}")
        ref_w, kept = _reference_causal(scores), got != 0
        ratio = (got[kept] / ref_w[kept]).double() if kept.any() else None
        c = float(ratio.mean()) if ratio is not None else 0.0
        if c > 1 and float((ratio - c).abs().max()) < 1e-4 * c and (
                bool((ref_w[~kept] > 0).any()) or any(abs(c - 1 / (1 - q)) < 1e-4
                                                      for q in (0.1, 0.2, 0.25, 0.3))):
            raise CheckFailure(f"{what} your weights are the right ones times {c:.4g} = "
                               f"1 / (1 - {1 - 1 / c:.3g})" + (
                                   ", with some visible weights set to 0" if bool(
                                       (ref_w[~kept] > 0).any()) else "") + ": that is "
                               "dropout (F.dropout, which is on by default, or an nn.Dropout "
                               "in training mode) applied after the softmax; this function "
                               "returns the weights themselves: mask, softmax over dim=-1, "
                               "and no dropout")
        if (got.diagonal(dim1=-2, dim2=-1) <= 0).any():
            flat, ref_flat = got.reshape(-1, n, n), ref_w.reshape(-1, n, n)
            blank = [i for i in range(n) if bool((flat[:, i] == 0).all())]
            rest = [i for i in range(n) if i not in blank]
            if blank and _close(flat[:, rest], ref_flat[:, rest]):
                raise CheckFailure(
                    f"{what} the rows of queries {blank} (of {n}) are all 0, as if never "
                    "written, while every other row is right" + (
                        " (a loop over the queries that starts at 1, range(1, n)?)"
                        if blank == [0] else " (a loop over the queries that stops early?)"
                        if blank == list(range(n - len(blank), n)) else "")
                    + ": every query i gets the softmax of its scores for keys 0..i, and "
                    "row 0 is [1, 0, 0, ...]")
            own_hidden = torch.softmax(scores.masked_fill(torch.triu(torch.ones(
                n, n, dtype=torch.bool)), -torch.inf), -1).nan_to_num(0.0)
            selves = sorted({int(i) for i in (got.diagonal(dim1=-2, dim2=-1) <= 0)
                             .nonzero()[:, -1]})
            raise CheckFailure(
                f"{what} quer{'y' if len(selves) == 1 else 'ies'} {selves} put zero weight on "
                "their own key: " + (
                    "your mask hides the diagonal (the fully hidden row 0 then turned into 0s); "
                    "do not hide the diagonal: torch.triu(..., diagonal=1)" if _close(
                        got, own_hidden) else
                    "query i must see keys 0..i, itself included: does your mask hide the "
                    "diagonal, or does a slice or loop stop one key early (:i instead of "
                    ":i + 1)?"))
        row_sums = got.sum(-1)
        if (row_sums - 1).abs().max() > 1e-4:
            low = torch.tril(torch.softmax(scores, -1))  # the book's §3.5.1 masked weights
            renormed = next((f"sum(dim={d})" + (" (or dim=-2)" if d == 0 and scores.dim() == 2
                                                 else "")
                             for d in (0, -2) if _close(got, low / low.sum(d, keepdim=True))),
                            None)
            if renormed:
                down = ("down the columns" if "-2" in renormed or scores.dim() == 2
                        else "over dim 0, the batch")
                raise CheckFailure(
                    f"{what} your rows do not sum to 1: you zeroed the future weights after a "
                    f"softmax over the keys and renormalised with {renormed}, which sums "
                    f"{down}, not along each row; divide by each row's own sum, sum(dim=-1, "
                    "keepdim=True) (or fill the future scores with -torch.inf before the "
                    "softmax, which needs no renormalising)")
            if (got.sum(-2) - 1).abs().max() < 1e-4:
                raise CheckFailure("the COLUMNS of your weights sum to 1, not the rows: apply "
                                   "the softmax over the keys, dim=-1")
            masked = scores.masked_fill(hidden, -torch.inf)
            pooled = next((how for how, w in (
                ("each matrix (the last two dimensions flattened)", torch.softmax(
                    masked.flatten(-2), -1).view_as(scores)),
                ("every entry at once (the whole tensor flattened)", torch.softmax(
                    masked.flatten(), 0).view_as(scores))) if _close(got, w)), None)
            if pooled:
                raise CheckFailure(f"{what} rows sum to values between {row_sums.min():.4g} and "
                                   f"{row_sums.max():.4g}, not 1: your softmax ran over "
                                   f"{pooled}, so the weights of a whole matrix sum to 1 "
                                   "instead of each query's row; apply it to each row, over "
                                   "the keys: torch.softmax(masked, dim=-1), with no flatten "
                                   "or view around it")
            zeroed = _close(got, torch.softmax(scores, -1).masked_fill(hidden, 0.0))
            factor = row_sums.mean().item()
            if not zeroed and factor > 0 and _close(got / factor, _reference_causal(scores)):
                root = f" = 1 / sqrt({n}), the number of tokens" if abs(
                    factor - n ** -0.5) < 1e-4 else ""
                raise CheckFailure(f"{what} your weights are the right ones multiplied by "
                                   f"{factor:.4g}{root}: you scaled them after the softmax, "
                                   "so the rows sum to that, not 1; the scores arrive already "
                                   "scaled: mask, softmax over dim=-1, and return the result")
            places = next((k for k in range(1, 7) if _close(
                got, _reference_causal(scores).round(decimals=k), 1e-9)), None)
            if places is not None:
                raise CheckFailure(f"{what} rows sum to values between {row_sums.min():.6f} "
                                   f"and {row_sums.max():.6f}, not 1, and your weights are "
                                   f"the right ones rounded to {places} decimals (round("
                                   f"decimals={places})?): rounding breaks the sum of 1 and "
                                   "the gradients; return the softmax output unrounded (round "
                                   "only when printing)")
            low = next((dt for dt in (torch.bfloat16, torch.float16) if _close(
                got, _reference_causal(scores.to(dt)).to(scores.dtype), 1e-6)), None)
            if low is not None:
                raise CheckFailure(f"{what} rows sum to values between {row_sums.min():.4f} "
                                   f"and {row_sums.max():.4f}, not 1, and your weights are the "
                                   f"right ones computed in {low} and cast back: that rounding "
                                   "breaks the sum of 1; compute the softmax in the scores' "
                                   "own dtype")
            squash = next((how for how, w in (
                ("torch.sigmoid", torch.sigmoid(masked)), ("torch.exp", torch.exp(masked)))
                if _close(got, w)), None)
            if squash:  # each weight from its own score, never normalised over the row
                raise CheckFailure(f"{what} rows sum to values between {row_sums.min():.4g} and "
                                   f"{row_sums.max():.4g}, not 1: your weights are {squash} of "
                                   "the masked scores, entry by entry, so the rows do not sum "
                                   "to 1 (nothing divides by the row's total); the softmax "
                                   "normalises over the keys: torch.softmax(masked, dim=-1)")
            ref_w = _reference_causal(scores)
            inner = (ref_w > 1e-6) & (ref_w < 1 - 1e-6) & (got > 0)
            power = (got[inner].log() / ref_w[inner].log()) if bool(inner.any()) else None
            if power is not None and float((power - power[0]).abs().max()) < 1e-3 and bool(
                    (got[ref_w == 0] == 0).all()):
                raise CheckFailure(f"{what} rows sum to values between {row_sums.min():.6g} "
                                   f"and {row_sums.max():.6g}, not 1: your weights are the "
                                   f"right ones raised to the power {float(power[0]):.4g} "
                                   "after the softmax; to sharpen or flatten weights, scale "
                                   "the scores before the softmax; here return the softmax "
                                   "output as it is")
            far = int((row_sums - 1).abs().flatten().argmax())
            far_row = got.reshape(-1, n)[far]
            gap = far_row.double() - ref_w.reshape(-1, n)[far].double()
            key = int(gap.abs().argmax())
            shown = (f" In that row yours are {[round(v, 4) for v in far_row.tolist()]}, "
                     f"expected {[round(v, 4) for v in ref_w.reshape(-1, n)[far].tolist()]}: "
                     f"key {key} is {'too high' if gap[key] > 0 else 'too low'} by "
                     f"{abs(float(gap[key])):.4g}" + (
                         ", and every weight is too high or right (something added after the "
                         "softmax)" if bool((gap >= -1e-7).all()) else
                         ", and every weight is too low or right (something removed or scaled "
                         "down after the softmax)" if bool((gap <= 1e-7).all()) else "")
                     + f". {describe_difference(got, ref_w, where=False)}").rstrip()
            raise CheckFailure(f"{what} rows sum to values between {row_sums.min():.6g} and "
                               f"{row_sums.max():.6g}, not 1 (farthest: query "
                               f"{far % n} sums to {float(row_sums.flatten()[far]):.6g}): " + (
                                   "your weights are softmax(scores) with the future entries "
                                   "zeroed afterwards; zeroing weights after the softmax needs "
                                   "renormalising; better, mask with -inf before the softmax"
                                   if zeroed else
                                   "a step after the softmax changed the weights (a scaling, "
                                   "or weights zeroed without renormalising?); mask with -inf "
                                   "before the softmax and return its output as it is")
                               + ("" if zeroed else "." + shown))
        exact = scores.dtype == torch.float64  # a float64 softmax agrees to about 1e-16
        sums = got.double().sum(-1, keepdim=True)
        if exact and float((sums - 1).abs().max()) > 1e-12 and torch.allclose(
                got.double(), _reference_causal(scores) * sums, rtol=0, atol=1e-14):
            raise CheckFailure(
                f"{what} of dtype float64 your rows sum to values between "
                f"{float(sums.min()):.12g} and {float(sums.max()):.12g}, not 1 (a float64 "
                "softmax sums to 1 within about 1e-16), and each row is the right weights "
                "times its sum: the division was by something other than the row's sum of "
                "exps (an epsilon in the denominator, e / (e.sum(-1, keepdim=True) + eps)?); "
                "divide by the sum alone (after subtracting the row's largest score it is at "
                "least 1), or use torch.softmax(masked, dim=-1)")
        if exact and not _close(got, _reference_causal(scores), 1e-9) and _close(
                got, _reference_causal(scores.float()).double(), 1e-9):
            raise CheckFailure(f"{what} of dtype float64 your weights differ from the float64 "
                               f"softmax by up to {_max_diff(got, _reference_causal(scores)):.2g}"
                               ": they are the right ones computed in float32 and cast back (a "
                               ".float() before the softmax, or .to(float32) and back), which "
                               "rounds them; compute the softmax in the scores' own dtype")
        assert_close(got, _reference_causal(scores), what=f"the causal attention weights {what}",
                     atol=1e-9 if exact else 1e-5, hint=_causal_fallback(got, scores))


def _stored_dtype_hint(impl, got, scores):
    """Why the weights came back in another dtype than the scores: when their numbers are
    exactly the softmax in the scores' own dtype, rounded, the softmax was right and only the
    place the weights went to (a buffer made without dtype=, a cast afterwards) changed it."""
    plain = "keep the scores' dtype (no dtype= in the softmax, no .float())"
    if not (got.is_floating_point() and torch.equal(got, _reference_causal(scores).to(got.dtype))
            and not torch.equal(got, _reference_causal(scores.to(got.dtype)))):
        return plain
    source = answer_source(impl) or ""
    # a buffer only when the code makes one and casts nothing (torch.ones is usually the mask)
    buffer = None if re.search(r"\.(float|double|half|to|type)\s*\(", source) else re.search(
        r"torch\.(zeros|empty)\s*\(", source)
    where = ("your code writes them into a tensor made with torch." + buffer.group(1) + "(...) "
             "and no dtype=, which is float32 whatever the scores are; make it like the "
             "scores, torch." + buffer.group(1) + "_like(attn_scores) (or pass "
             "dtype=attn_scores.dtype, device=attn_scores.device), or return the softmax "
             "itself") if buffer else (
        "a step after the softmax stores or casts them in another dtype (a buffer made "
        "without dtype=, such as torch.zeros(shape), or a .float()/.to() on the weights); "
        "return the softmax in the scores' own dtype")
    return (f"their numbers are exactly the {scores.dtype} softmax rounded to {got.dtype}, so "
            f"the softmax itself was right: {where}")


def _check_causal_edges(impl, half, one):
    """float16 scores, scores on the meta device, a batch of one and one token."""
    # half precision: -inf fits in float16, a large negative number such as -1e9 does not
    got = _tensor(call_answer(impl, (half,), "for float16 scores of shape (4, 4)", [
        ("without overflow", "You filled the hidden scores with a large negative number, "
                             "which float16 cannot hold: fill them with -torch.inf.")]),
        "for float16 scores", half.shape)
    if got.dtype != torch.float16 and got.shape == half.shape and torch.equal(
            got, _reference_causal(half).to(got.dtype)):
        raise CheckFailure(f"for float16 scores your weights are {got.dtype}, and their "
                           "numbers are exactly the float16 softmax's: the softmax ran in "
                           "float16 and a step AFTER it promoted the weights (a keep mask made "
                           "in the default float32, such as 1 - torch.triu(torch.ones(n, n)), "
                           "multiplied into the weights, or a .float() on them); mask the "
                           "scores before the softmax only, or make that tensor in "
                           "attn_scores.dtype")
    if got.dtype != torch.float16:
        raise CheckFailure(f"for float16 scores your weights are {got.dtype}: an additive mask "
                           "made in float32 (torch.full(..., -inf) added to the scores) or a "
                           ".float() promotes them; mask with masked_fill, or make the mask in "
                           "attn_scores.dtype")
    assert_close(got.float(), _reference_causal(half.float()), what="the weights for float16 "
                 "scores", atol=2e-3, hint="float32 scores pass; with float16 scores of "
                 "shape (4, 4) your weights differ: fill the hidden scores with -torch.inf "
                 "(float16 holds no number below -65504) and do the softmax in the scores' "
                 "dtype.")
    # a stand-in device: the mask must be made where the scores are
    meta = torch.zeros(2, 4, 4, device="meta")
    got = call_answer(impl, (meta,), "for scores on the 'meta' device", [
        ("expected device", "Your mask was made on the CPU (in this call, or in an earlier one "
                            "and reused): create it on the scores' device, "
                            "torch.ones(n, n, device=attn_scores.device), or the code fails on "
                            "a GPU.")])
    if not isinstance(got, torch.Tensor) or got.device.type != "meta":
        raise CheckFailure("for scores on the 'meta' device your weights are not on that device: "
                           "compute them from attn_scores, with the mask on its device")
    what = "for scores of shape (1, 5, 5), a batch of one,"
    got = _tensor(call_answer(impl, (one,), what), what, one.shape)
    if got.shape != one.shape:
        raise CheckFailure(
            f"{what} you returned weights of shape {tuple(got.shape)}, while batches of 2, 4 "
            "and 7 keep their shape" + (
                ": the dimension of size 1 is gone, which is what a .squeeze() does (it drops "
                "every dimension of size 1); keep the scores' shape"
                if got.shape == one.squeeze().shape else ""))
    assert_close(got, _reference_causal(one), what=f"the causal attention weights {what}",
                 atol=1e-5, hint="Batches of 2, 4 and 7 pass; this one differs only in its "
                 "batch size of 1: a step of your code treats a dimension of size 1 "
                 "differently (a squeeze, or a size read from the wrong dimension).")
    single = torch.full((2, 3, 1, 1), 0.5, dtype=torch.float64)  # one token: weights [[1.0]]
    what = "for float64 scores of shape (2, 3, 1, 1) (one token)"
    got = _tensor(call_answer(impl, (single.clone(),), what), what, single.shape)
    if got.shape != single.shape or got.dtype != single.dtype:
        raise CheckFailure(
            f"{what} you returned {got.dtype} weights of shape {tuple(got.shape)}, expected "
            f"float64 of shape (2, 3, 1, 1)" + (
                ": every weight is 1, so your code has a shortcut for one token that makes a "
                "tensor of its own (torch.ones(1, 1)?), which loses the scores' batch "
                "dimensions and dtype; the softmax of one visible score is already 1: drop "
                "the shortcut (or return torch.ones_like(attn_scores))" if got.numel() and
                bool((got == 1).all()) and (got.numel() == 1 or got.dtype != single.dtype)
                else "; a single token needs no special case: mask and softmax as for any "
                "size, and keep every dimension (no squeeze)"))
    assert_close(got, torch.ones_like(single), what=f"the causal attention weights {what}",
                 atol=1e-9, hint="With one token the only key is the query's own, so every "
                 "weight is 1: a step treats a single token differently (a loop over an empty "
                 "range, or a shortcut).")


def _leak_pattern(got, n):
    """Which future keys stay visible, as whole columns (keys never hidden) or whole rows
    (queries never masked), with the off-by-one that leaves out the last or first of them."""
    up = got[..., torch.triu(torch.ones(n, n, dtype=torch.bool, device=got.device), 1)]
    if bool((up > 0).all()) and float(up.max()) < 1e-3 and float(up.max() - up.min()) <= \
            0.01 * float(up.max()):  # the same tiny weight on every future key
        renorm = bool(((got.double().sum(-1) - 1).abs() < n * float(up.max()) / 2).all())
        return (f"Every future key gets the same tiny weight {float(up.max()):.3g}: a small "
                "constant (an epsilon) added to the weights after the softmax"
                + (", then the rows renormalised" if renorm else "") + "; hidden keys must "
                "get exactly 0, so add nothing after the softmax. ")
    leak = (got.triu(diagonal=1) != 0).reshape(-1, n, n).any(0)
    cols = sorted(set(leak.nonzero()[:, 1].tolist()))
    rows = sorted(set(leak.nonzero()[:, 0].tolist()))
    if all(bool(leak[:c, c].all()) for c in cols) and len(cols) < n - 1:
        end = cols == list(range(n - len(cols), n))
        return (f"Key(s) {cols} are visible to every earlier query, while every other future "
                f"key is hidden: your mask leaves out whole columns" + (
                    f", the last {len(cols)} of the {n} keys: a mask one column short, its size or "
                    f"range off by one (n - 1 where n = {n} belongs?). " if end else ". "))
    if all(bool(leak[r, r + 1:].all()) for r in rows) and len(rows) < n - 1:
        first = rows == list(range(len(rows)))
        return (f"Queries {rows} see every later key, while every other query is masked: "
                f"your mask leaves out whole rows" + (
                    f", the first {len(rows)} of the {n} queries: a loop or slice over the rows "
                    "that starts too late (off by one?). " if first else ". "))
    return ""


def _causal_fallback(got, scores):
    """What differs when the weights are causal and sum to 1 but no replay matches: a common
    divisor of the scores (fitted from the log-weights), or the first entry and the score it
    implies."""
    n = scores.shape[-1]
    hidden = torch.triu(torch.ones(n, n, dtype=torch.bool), 1)
    head = ("Your weights are causal and each row sums to 1, but the visible weights differ")
    if bool((got.masked_fill(hidden, 1.0) > 0).all()):
        logs = got.double().log().masked_fill(hidden, 0.0)
        sc = scores.double().masked_fill(hidden, 0.0)
        count = (~hidden).sum(-1, keepdim=True)
        lc = (logs - logs.sum(-1, keepdim=True) / count).masked_fill(hidden, 0.0)
        scc = (sc - sc.sum(-1, keepdim=True) / count).masked_fill(hidden, 0.0)
        denom = float(scc.pow(2).sum())
        a = float((lc * scc).sum()) / denom if denom > 0 else 0.0
        if a > 0 and abs(a - 1) > 1e-3 and _close(got.double(),
                                                    _reference_causal(scores.double() * a)):
            return (f"{head}: they are softmax(masked scores / {1 / a:.4g}), so your scores "
                    f"were divided by {1 / a:.4g} (multiplied by {a:.4g}) on the way; the "
                    "scores arrive already scaled: mask them, softmax over dim=-1, and "
                    "return the result, with no extra scaling.")
        # a divisor of each query's own (the row's visible scores fitted one row at a time)
        sq = scc.pow(2).sum(-1)
        rows = torch.where(sq > 0, (lc * scc).sum(-1) / sq.clamp_min(1e-300), 1.0)
        if n > 2 and bool((rows > 0).all()) and float((rows - rows[..., -1:]).abs().max()) > 1e-3 \
                and _close(got.double(), _reference_causal(scores.double() * rows[..., None])):
            first = (1 / rows.reshape(-1, n)[0, 1:]).tolist()
            steps = [round(v, 3) for v in first]
            grows = all(abs(v - (i + 2)) < 1e-3 for i, v in enumerate(first))
            return (f"{head}: each query's scores were divided by a number of its own before "
                    f"the softmax: queries 1 to {n - 1} (of the first matrix) by {steps}"
                    + (", that is by i + 1, the number of keys query i sees" if grows else "")
                    + "; the scores arrive already scaled: mask them and apply the softmax "
                    "over dim=-1, with no scaling that depends on the query.")
    expected = _reference_causal(scores)
    gap = (got.double() - expected.double()).abs().nan_to_num(float("inf"))
    if not bool((gap > 0).any()):
        return ""
    if _close(got.double(), _reference_causal(expected.double())):
        return (f"{head}: they are the masked softmax of the right weights: the weights were "
                "masked and passed through the softmax a second time (which flattens each row "
                "towards even weights); mask the scores and apply torch.softmax(masked, dim=-1) "
                "once.")
    term = (_position_term(got, scores) or _key_shift_term(got, scores)) if n > 2 else None
    if term:
        return f"{head}: {term}"
    # a mix with even weights over each row's visible keys: got = a * right + (1 - a) / (i + 1)
    even = (~hidden).double() / (~hidden).sum(-1, keepdim=True).double()
    dg, de = got.double() - even, expected.double() - even
    denom = float(de.pow(2).sum())
    a = float((dg * de).sum()) / denom if denom > 0 else 1.0
    if abs(a - 1) > 1e-3 and bool(torch.isfinite(got).all()) and _close(
            got.double(), a * expected.double() + (1 - a) * even):
        return (f"{head}: each row is {a:.4g} times the right weights plus {1 - a:.4g} times "
                "even weights over that query's visible keys (1 / (i + 1) for query i): your "
                "weights were mixed with uniform attention (a smoothing step after the "
                "softmax?); return the softmax of the masked scores as it is.")
    where = tuple(int(v) for v in (gap >= gap.max() / 2).nonzero()[0])
    row = where[:-1]
    return (f"{head}: the first entry far off is query {where[-2]}, key {where[-1]}"
            + (f" (batch/head index {list(where[:-2])})" if len(where) > 2 else "")
            + f": yours {float(got[where]):.4g}, expected {float(expected[where]):.4g}; that "
            f"row is yours {[round(v, 4) for v in got[row].tolist()]}, expected "
            f"{[round(v, 4) for v in expected[row].tolist()]}. Apply the softmax over the "
            "last dimension (the keys) to the scores exactly as given, with no extra scaling "
            "or shift.")


def _log_weight_terms(got, scores):
    """(log-weights minus scores per row up to its constant, the hidden mask), or None when
    a visible weight is not positive (no log to read a term from)."""
    n = scores.shape[-1]
    hidden = torch.triu(torch.ones(n, n, dtype=torch.bool), 1)
    if not bool((got.masked_fill(hidden, 1.0) > 0).all()):
        return None
    d = (got.double().log() - scores.double()).reshape(-1, n, n)
    return d - d[..., :1], hidden  # each row up to its own constant: key 0 is always visible


def _position_term(got, scores):
    """Name a term added to the visible scores that depends only on the key's position j or on
    the distance i - j (read from the last query, which sees every key), else ""."""
    n = scores.shape[-1]
    terms = _log_weight_terms(got, scores)
    if terms is None:
        return ""
    d, hidden = terms
    last = d[0, -1]
    i, j = torch.meshgrid(torch.arange(n), torch.arange(n), indexing="ij")
    for what, want in (("the key's position j", last[j].expand_as(d)),
                       ("the distance i - j from the query", (last[(n - 1 - (i - j)).clamp(
                           0, n - 1)] - last[n - 1 - i]).expand_as(d))):
        if float(last.abs().max()) > 1e-4 and float((d - want).abs().masked_fill(
                hidden, 0.0).max()) < 1e-4:
            steps = last.diff()
            step = (f"; it grows by {float(steps[0]):.4g} per key" if float(
                (steps - steps[0]).abs().max()) < 1e-4 else "")
            if what.startswith("the distance") and n > 2 and float(
                    last[:-1].abs().max()) < 1e-4:  # the key at distance 0 alone gains
                return (f"the log-weights minus the scores show a term of "
                        f"{float(last[-1]):.4g} on the query's own key only (distance 0, the "
                        "diagonal), nothing on the earlier keys: your code adds it to the "
                        "diagonal of the scores before the softmax (a torch.eye, or each "
                        "token's own score counted twice?); the scores arrive complete: mask "
                        "them and apply the softmax, nothing added.")
            return (f"the log-weights minus the scores depend only on {what}: your scores "
                    f"gained a term {[round(v, 4) for v in last.tolist()]} (for j = 0..{n - 1}, "
                    f"relative to key 0){step}, a position bias added before the softmax; the "
                    "scores arrive complete: mask them and apply the softmax, nothing added.")
    return ""


def _key_shift_term(got, scores):
    """Name a term added to each key's visible scores that is the same for every query of a
    matrix but differs between matrices (a maximum or mean taken along the wrong dimension
    and subtracted before exp), else ""."""
    n = scores.shape[-1]
    terms = _log_weight_terms(got, scores)
    if terms is None:
        return ""
    d, hidden = terms
    last = d[:, -1:]  # each matrix's term per key, read from its last query (sees every key)
    if float(last.abs().max()) < 1e-4 or float(
            (d - last).abs().masked_fill(hidden, 0.0).max()) > 1e-4:
        return ""
    masked = scores.double().masked_fill(hidden, -torch.inf).reshape(-1, n, n)
    for how, top in (("query j's maximum, a row maximum taken without keepdim=True (shape "
                      "(..., num_tokens), which lines up with the keys)", masked.amax(-1)),
                     ("key j's maximum over the queries (amax(dim=-2), the wrong dimension)",
                      masked.amax(-2))):
        if float((last[:, 0] + top - top[:, :1]).abs().max()) < 1e-4:
            return (f"the log-weights minus the scores show a term for each key j, the same "
                    f"for every query of a matrix: minus {how}, subtracted from key j's "
                    "scores before exp; a row's sum cancels only a shift that is the same for "
                    "all its keys: subtract each row's own maximum, amax(dim=-1, "
                    "keepdim=True), or use torch.softmax(masked, dim=-1).")
    return (f"the log-weights minus the scores show a term for each key j, the same for every "
            f"query of a matrix but different in each matrix (in the first, "
            f"{[round(v, 4) for v in last[0, 0].tolist()]} for j = 0..{n - 1}, relative to key "
            "0): a shift that depends on the key, such as a maximum, mean or sum over the "
            "queries (dim=-2) or one taken without keepdim=True, subtracted before exp; a "
            "row's sum cancels only a shift that is the same for all its keys: subtract each "
            "row's own maximum, amax(dim=-1, keepdim=True), or use torch.softmax(masked, "
            "dim=-1).")


def _check_causal_gradient(impl):
    """The weights are part of a trained model: gradients must reach the scores."""
    scores = torch.randn(2, 4, 4, generator=torch.Generator().manual_seed(11))
    given = scores.clone().requires_grad_(True)
    what = "for scores of shape (2, 4, 4) that require gradients"
    # the same code ran on scores that need no gradient and left them unchanged, so what it
    # changed in place here is a copy of its own that is a leaf requiring gradients
    got = _tensor(call_answer(impl, (given,), what, [
        ("a leaf Variable that requires grad is being used in an in-place operation",
         "Scores that need no gradient work and stay unchanged, so the tensor changed in "
         "place is a copy your code made that is itself a leaf requiring gradients "
         "(copy.deepcopy(attn_scores), attn_scores.detach().clone().requires_grad_() or "
         "torch.tensor(..., requires_grad=True)): such a copy is cut off from the caller's "
         "graph, so no gradient could reach the scores through it either. Make no copy: "
         "attn_scores.masked_fill(mask, -torch.inf), out of place, returns a new tensor and "
         "leaves the scores unchanged.")]), what, scores.shape)
    if not got.requires_grad:
        raise CheckFailure(f"{what} your weights do not depend on them for autograd "
                           "(computed under torch.no_grad() or torch.inference_mode(), "
                           "detached, or rebuilt from .tolist() numbers), although their values "
                           "are right: attention is "
                           "trained through these weights, so keep them in the graph")
    try:
        got[..., 1, 0].sum().backward()
    except RuntimeError as err:
        if "inplace operation" not in str(err):
            raise
        if _inplace_op(err) in _INPLACE_STEPS:  # a hand-written softmax changed in place
            raise CheckFailure(
                f"{what} backward() through your weights fails: a tensor autograd saved was "
                "changed in place afterwards (PyTorch: 'modified by an inplace operation', on "
                f"the output of {_inplace_op(err)}): {_INPLACE_STEPS[_inplace_op(err)]}; or "
                "use torch.softmax(masked, dim=-1)") from None
        raise CheckFailure(
            f"{what} backward() through your weights fails: a tensor autograd saved was "
            "changed in place afterwards (PyTorch: 'modified by an inplace operation'). "
            "torch.softmax's backward needs its output, so writing into the weights after "
            "the softmax (weights.masked_fill_(...), weights[mask] = 0, weights /= ...) breaks "
            "training; the -inf fill before the softmax already makes the future weights "
            "exactly 0, so drop that step (or use the out-of-place masked_fill)") from None
    if given.grad is None or not given.grad.abs().sum():
        raise CheckFailure(f"{what} no gradient reached the scores: compute the weights from "
                           "the attn_scores you are given, not from a copy")


def _check_noncontiguous_scores(impl):
    """Scores that are a transposed view (not contiguous in memory), 4-D."""
    scores = torch.randn(3, 2, 5, 5, generator=torch.Generator().manual_seed(12)).transpose(0, 1)
    what = ("for scores of shape (2, 3, 5, 5) that are a transposed view (not contiguous in "
            "memory, as .transpose(0, 1) gives)")
    got = _tensor(call_answer(impl, (scores,), what, [
        ("view size is not compatible", "Contiguous 4-D scores work: your code "
         "reshapes them with .view (to flatten the batch and head dimensions?), which needs "
         "contiguous memory; use .reshape, or no reshape at all: masked_fill broadcasts the "
         "(n, n) mask over any leading dimensions.")]), what, scores.shape)
    assert_close(got, _reference_causal(scores), what=f"the causal attention weights {what}",
                 atol=1e-5, hint="The same scores made contiguous (.contiguous()) should give "
                 "the same weights: mask with masked_fill and take the softmax over dim=-1, "
                 "without reading the scores' memory layout.")


def _check_low_scores(impl):
    """Scores far below zero (about -1e7): a finite fill such as -1e4 is then above them."""
    low = -1e7 + 4 * torch.randn(5, 5, generator=torch.Generator().manual_seed(5))
    what = "for scores around -10,000,000 (shape (5, 5))"
    got = _tensor(call_answer(impl, (low.clone(),), what), what, low.shape)
    expected = _reference_causal(low)
    if _close(got, expected):
        return
    upper = got.triu(diagonal=1).abs().max().item()
    if upper > 0:
        # every fill between about -1e7 and 0 gives these weights: solve for it instead
        fill = _solved_fill(impl)
        named = f" ({fill:.6g} here)" if fill is not None and _close(
            got, _reference_causal(low, fill=fill)) else ""
        raise CheckFailure(f"{what} the future keys get weight (up to {upper:.3g}), although "
                           "the other scores work: you filled the hidden scores with a finite "
                           f"number{named}, and a real score can be lower still; fill them "
                           "with -torch.inf, which is below every score")
    if torch.isnan(got).any():
        raise CheckFailure(f"{what} your weights hold NaN, although ordinary scores work: "
                           "exp of scores this low underflows to 0, so a hand-written softmax "
                           "exp(x) / exp(x).sum(-1) divides 0 by 0; subtract each row's largest "
                           "score first, or use torch.softmax(masked, dim=-1), which does")
    clamp = _solved_clamp(impl)
    if clamp is not None and _close(got, _reference_causal(low.clamp(*clamp))):
        bounds = ", ".join(f"{name}={v:g}" for name, v in zip(("min", "max"), clamp)
                           if v is not None)
        raise CheckFailure(f"{what} your weights are those of the scores clamped to {bounds} "
                           f"before the softmax (clamp({bounds})): every score this low "
                           "becomes the same bound, so the visible keys get equal weight. "
                           "torch.softmax already subtracts each row's largest score and "
                           "cannot overflow: softmax the masked scores as they are")
    assert_close(got, expected, what=f"the causal attention weights {what}", atol=1e-5,
                 hint="Ordinary scores pass; here the scores are about -1e7 and differ by only "
                 "a few units, and your weights, still causal and finite, lose those "
                 "differences: a step rounds or shifts the scores (a cast to float16 or "
                 "bfloat16, a fixed number added before exp, a fill that is not -inf); mask "
                 "with masked_fill(mask, -torch.inf), then torch.softmax over dim=-1 in the "
                 "scores' own dtype.")


def _solved_clamp(impl):
    """The (min, max) bounds of a clamp on the scores, each None when absent, or None when the
    answer shows no clamp: in 2 x 2 float64 scores, query 1 sees key 0 at -1e7 (or +1e7) and
    key 1 at 0, so the ratio of its two weights is exp(bound) for a clamped key 0. Bounds found
    this way are used only when they also replay the answer on spread-out random scores."""
    import math

    bounds = []
    for far in (-1e7, 1e7):
        scores = torch.tensor([[0.0, 0.0], [far, 0.0]], dtype=torch.float64)
        got = _try_call(impl, scores)
        if not (isinstance(got, torch.Tensor) and got.shape == (2, 2)
                and bool(torch.isfinite(got).all())):
            return None
        w0, w1 = float(got[1, 0]), float(got[1, 1])
        bounds.append(round(math.log(w0) - math.log(w1), 3) if w0 > 0 and w1 > 0 else None)
    if bounds == [None, None]:
        return None
    probe = 300 * torch.randn(5, 5, dtype=torch.float64,
                              generator=torch.Generator().manual_seed(16))
    again = _try_call(impl, probe.clone())
    if isinstance(again, torch.Tensor) and again.shape == probe.shape and _close(
            again, _reference_causal(probe.clamp(*bounds))):
        return tuple(bounds)
    return None


def _solved_fill(impl):
    """The finite fill behind weights that give hidden keys weight, or None: 2 x 2 float64
    scores all equal to ``s`` give the hidden key of query 0 the weight sigmoid(fill - s), so a
    bisection on ``s`` finds where it crosses 1/2 and the weight there gives the fill. A fill
    found this way is used only when it also replays the answer on random scores."""
    def hidden_weight(level):
        got = _try_call(impl, torch.full((2, 2), level, dtype=torch.float64))
        if not (isinstance(got, torch.Tensor) and got.shape == (2, 2)
                and bool(torch.isfinite(got).all())):
            return None
        return float(got[0, 1])

    lo, hi = -1e8, 1e8  # a fill above hi or below lo is left unnamed
    at_lo, at_hi = hidden_weight(lo), hidden_weight(hi)
    if at_lo is None or at_hi is None or not at_lo > 0.5 > at_hi:
        return None
    for _ in range(80):
        mid = (lo + hi) / 2
        w = hidden_weight(mid)
        if w is None:
            return None
        lo, hi = (mid, hi) if w > 0.5 else (lo, mid)
    w = hidden_weight(lo)
    if w is None or not 0.0 < w < 1.0:
        return None
    import math

    fill = lo + math.log(w / (1 - w))
    probe = torch.randn(4, 4, dtype=torch.float64, generator=torch.Generator().manual_seed(15))
    again = _try_call(impl, probe.clone())
    if isinstance(again, torch.Tensor) and again.shape == probe.shape and _close(
            again, _reference_causal(probe, fill=fill)):
        return round(fill, 3)
    return None


def _check_rows_far_apart(impl):
    """Two score matrices 500 apart (around 0 and around -500): a softmax stabilised with one
    maximum over ALL the scores underflows in the lower matrix (exp(-500) is 0: 0 / 0)."""
    gen = torch.Generator().manual_seed(13)
    scores = torch.randn(2, 4, 4, generator=gen)
    scores[1] -= 500.0
    what = "for scores of shape (2, 4, 4) whose second matrix is about 500 below the first"
    got = _tensor(call_answer(impl, (scores.clone(),), what), what, scores.shape)
    expected = _reference_causal(scores)
    if _close(got, expected):
        return
    lone = _try_call(impl, scores[1].clone())
    if (torch.isnan(got[1]).any() and torch.isfinite(got[0]).all()
            and isinstance(lone, torch.Tensor) and _close(lone, expected[1])):
        raise CheckFailure(f"{what} your weights of the second matrix are NaN, although the "
                           "same scores alone give the right weights: your softmax subtracts "
                           "one maximum over all the scores (x.max()), so exp underflows to 0 "
                           "in rows far below it and 0 / 0 is NaN; subtract each row's largest "
                           "score, x.max(dim=-1, keepdim=True).values, or use "
                           "torch.softmax(masked, dim=-1)")
    assert_close(got, expected, what=f"the causal attention weights {what}", atol=1e-5,
                 hint="Each row's weights depend on that row's scores only: the second "
                 "matrix alone gives its weights; mask with masked_fill(mask, -torch.inf), "
                 "then softmax over dim=-1.")


def _check_many_tokens(impl):
    """Nine tokens, more than the book's six, then 300, then 2,050 (past GPT-2's 1,024 and
    GPT-3's 2,048 tokens): a mask of a fixed size is too small."""
    import re

    gen = torch.Generator().manual_seed(6)
    for scores, fewer in ((torch.randn(2, 9, 9, generator=gen), "the book's 6"),
                          (torch.randn(300, 300, generator=gen), "9"),
                          (torch.randn(2050, 2050, generator=gen), "300")):
        n = scores.shape[-1]
        what = f"for scores of shape {tuple(scores.shape)}, more tokens than {fewer}:"
        try:
            got = impl(scores.clone())
        except Exception as err:  # noqa: BLE001 - the error message is the evidence
            sizes = [k for k in re.findall(r"size of tensor [ab] \((\d+)\)", str(err))
                     if k != str(n)]
            fixed = f" ({sizes[0]} x {sizes[0]} here)" if sizes else ""
            raise CheckFailure(f"{what} your code raised {type(err).__name__}: {err}. It "
                               f"worked on up to {fewer} tokens, so your mask has a fixed size"
                               f"{fixed} (a mask made once for a maximum length and sliced?): "
                               "build it from attn_scores.shape[-1] in every call") from None
        got = _tensor(got, what, scores.shape)
        assert_close(got, _reference_causal(scores), what=f"the causal attention weights {what}",
                     atol=1e-5, hint=f"Your weights are right for up to {fewer} tokens but not "
                     f"for {n}: is the mask of a fixed size (made once and sliced?); build it "
                     "from attn_scores.shape[-1]")


def _check_high_future_scores(impl):
    """Future scores about 200 above the visible ones: a softmax taken before the mask gives
    the visible keys weights that underflow to 0, and renormalising them gives 0 / 0."""
    gen = torch.Generator().manual_seed(8)
    scores = torch.randn(5, 5, generator=gen) + 200.0 * torch.ones(5, 5).triu(1)
    what = "for 5 x 5 scores whose future entries are about 200 higher than the visible ones"
    got = _tensor(call_answer(impl, (scores.clone(),), what), what, scores.shape)
    expected = _reference_causal(scores)
    if not torch.isfinite(got).all():
        raise CheckFailure(f"{what} your weights hold NaN or inf in the rows of the first "
                           "tokens, and ordinary scores work: the visible scores were measured "
                           "against the row's largest score with the future keys still in it, "
                           "so their exp underflowed to 0 and 0 / 0 is NaN. "
                           + ("A hand-written softmax shifted by the row maximum taken before "
                              "masking (scores - scores.max(-1)) does this: take the maximum "
                              "of the masked scores, or mask first and call torch.softmax"
                              if not re.search(r"\.softmax\s*\(", answer_source(impl) or "") else
                              "You took the softmax before hiding the future keys (then zeroed "
                              "them and renormalised): fill the future scores with -torch.inf "
                              "BEFORE the softmax"))
    assert_close(got, expected, what=f"the causal attention weights {what}", atol=1e-5,
                 hint="The future scores must not matter at all: fill them with -torch.inf "
                 "before the softmax, so the visible weights come from the visible scores only")


def _check_far_future_scores(impl):
    """Future scores about 1e12 above the visible ones: a mask that lowers the hidden scores by
    a finite amount (scores - 1e9 * mask) instead of replacing them leaves them the highest. A
    finite fill (masked_fill(mask, -1e9)) passes here: it is named by the low scores."""
    gen = torch.Generator().manual_seed(9)
    above = torch.ones(5, 5).triu(1)
    noise = torch.randn(5, 5, generator=gen)
    scores = noise + 1e12 * above
    what = "for 5 x 5 scores whose future entries are about 1e12 higher than the visible ones"
    got = _tensor(call_answer(impl, (scores.clone(),), what), what, scores.shape)
    expected = _reference_causal(scores)
    if _close(got, expected):
        return
    leak = got.triu(diagonal=1).abs().max().item() if torch.isfinite(got).all() else 0.0
    if leak > 1e-3:
        # the smallest power of ten by which the future must rise before it takes weight
        # shows the finite amount the mask lowers it by
        rises = []
        for k in range(1, 13):
            probe = _try_call(impl, noise + 10.0 ** k * above)
            if not isinstance(probe, torch.Tensor) or probe.shape != scores.shape:
                break
            rises.append((k, probe.triu(diagonal=1).abs().max().item() > 1e-3))
        first = next((k for k, leaks in rises if leaks), None)
        held = [k for k, leaks in rises if not leaks and (first is None or k < first)]
        span = (f" (future scores up to 1e{held[-1]} higher stay hidden, from 1e{first} higher "
                "they get weight)") if first is not None and held else ""
        raise CheckFailure(
            f"{what} the future keys get weight (up to {leak:.3g}), although future scores 200 "
            "higher and scores around -1e7 work: your mask lowers the hidden scores by a "
            f"finite amount instead of replacing them{span}, as in scores - 1e9 * mask or "
            "scores + mask * -1e9, so a future score higher than that amount still wins. "
            "Replace the hidden scores with -torch.inf, masked_fill(mask, -torch.inf), which "
            "no score can beat")
    assert_close(got, expected, what=f"the causal attention weights {what}", atol=1e-5,
                 hint="The future scores must not matter at all, however high: fill them with "
                 "-torch.inf before the softmax, so the visible weights come from the visible "
                 "scores only")


def _right_on_random(impl):
    """Whether ``impl`` gets random (nonzero) 2 x 4 x 4 scores right."""
    scores = torch.randn(2, 4, 4, generator=torch.Generator().manual_seed(10))
    try:
        return _close(impl(scores.clone()), _reference_causal(scores))
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return False


def _zero_fill_hint(impl):
    """Name why the hidden keys of all-zero scores got weight as if filled with 0: a mask built
    from the score values, a fill computed from the scores (0 when they are all 0), or a finite
    fill (replayed on random scores, some of whose future scores are exactly 0)."""
    if not _right_on_random(impl):
        return _finite_fill_hint(impl)
    probe = torch.randn(4, 4, generator=torch.Generator().manual_seed(14))
    probe[0, 2] = probe[1, 3] = 0.0  # future scores of exactly 0 among random ones
    mine = _try_call(impl, probe.clone())
    if isinstance(mine, torch.Tensor) and mine.shape == probe.shape and _close(
            mine, _reference_causal(probe)):
        return ("random scores give the right weights, even with some future scores exactly 0 "
                "(so the mask does follow the positions), but for these all-zero scores the "
                "hidden keys get weight as if filled with 0: your fill value is computed from "
                "the scores (such as -scores.abs().max() * 100 or scores.min() * 1e4), and it "
                "is 0 when every score is 0; fill with -torch.inf, which stays below any score")
    if isinstance(mine, torch.Tensor) and mine.shape == probe.shape and _close(
            mine, torch.softmax(probe.masked_fill(probe.triu(1) != 0, -torch.inf), -1)):
        return ("you built the mask from the score VALUES (such as triu(scores, 1) != 0), so a "
                "future score that is exactly 0 stays visible: random scores pass, these "
                "all-zero scores do not; build the mask from the positions, torch.triu("
                "torch.ones(n, n), diagonal=1)")
    return ("for these all-zero scores the hidden keys get weight as if their scores were 0, "
            "while random scores give the right weights: something in your mask or its fill "
            "depends on the score values; hide the keys by position, torch.triu(torch.ones(n, "
            "n), diagonal=1), and fill them with -torch.inf")


def _finite_fill_hint(impl):
    """Name the finite fill behind weights that all-zero scores cannot tell apart from a 0 fill,
    by replaying fills on random 5 x 5 scores."""
    scores = torch.randn(5, 5, generator=torch.Generator().manual_seed(7)) * 2
    got = _try_call(impl, scores.clone())
    fills = {"with 0": 0.0,
             "with the smallest score, scores.min() (replayed on random 5 x 5 scores)":
                 scores.min().item(),
             "with -1": -1.0, "with -10": -10.0}
    named = next((name for name, fill in fills.items() if isinstance(got, torch.Tensor)
                  and _close(got, _reference_causal(scores, fill=fill))), None)
    if named is None and isinstance(got, torch.Tensor) and _close(
            got, torch.softmax(scores, dim=-1)):
        return ("on random scores your weights are softmax(attn_scores) with nothing hidden: "
                "the mask never reaches the softmax (masked_fill returns a new tensor: apply "
                "the softmax to its result, not to attn_scores)")
    return (f"you filled the hidden scores {named}, which still gets weight after the softmax"
            if named else "your hidden scores got weight as if they were 0 (these scores are all "
            "0): a finite fill value still gets weight after the softmax") + \
        "; fill them with -torch.inf"


def _all_nan_on_random(impl):
    """Whether ``impl`` turns random (nonzero) 4 x 4 scores into weights that are all NaN."""
    try:
        got = impl(torch.randn(4, 4, generator=torch.Generator().manual_seed(9)))
    except Exception:  # noqa: BLE001 - a crash here is no evidence of a NaN mask
        return False
    return torch.is_tensor(got) and bool(torch.isnan(got).all())


def _layouts_handled(impl, dims):
    """The other numbers of dimensions (2-D to 4-D, not ``dims``) whose random scores
    ``impl`` gets right, as words such as '2-D (5, 5)'."""
    gen = torch.Generator().manual_seed(15)
    named = []
    for shape in ((5, 5), (3, 5, 5), (2, 3, 5, 5)):
        if len(shape) == dims:
            continue
        scores = torch.randn(*shape, generator=gen)
        mine = _try_call(impl, scores.clone())
        if isinstance(mine, torch.Tensor) and mine.shape == scores.shape and _close(
                mine, _reference_causal(scores)):
            named.append(f"{len(shape)}-D {shape}")
    return named


def _works_on_2d(impl, n):
    """Whether ``impl`` gets plain ``n x n`` scores right."""
    try:
        return _close(impl(torch.zeros(n, n)), _reference_causal(torch.zeros(n, n)))
    except Exception:  # the failure itself is the evidence
        return False


def _shift_no_keepdim(scores):
    """A hand-written causal softmax shifted by the row maxima taken without keepdim."""
    n = scores.shape[-1]
    masked = scores.masked_fill(torch.triu(torch.ones(n, n, dtype=torch.bool), 1), -torch.inf)
    e = torch.exp(masked - masked.amax(dim=-1))
    return e / e.sum(-1, keepdim=True)


def _renorm_no_keepdim(scores):
    n = scores.shape[-1]
    hidden = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    w = torch.softmax(scores, -1).masked_fill(hidden, 0.0)
    return w / w.sum(-1)


# --- ex3_3: transfer v2 weights into v1 -----------------------------------------------------------

_NAMES = ("W_query", "W_key", "W_value")


def _matrix_pattern(mine, right):
    """Where and how a copied matrix differs from the right one: the first entry, which rows
    and columns, and a common factor, offset or reordering."""
    bad = (mine - right).abs() > 1e-6
    i, j = (int(v) for v in bad.nonzero()[0])
    rows = sorted({int(r) for r in bad.nonzero()[:, 0]})
    cols = sorted({int(c) for c in bad.nonzero()[:, 1]})
    text = (f", first at [{i}, {j}] (yours {float(mine[i, j]):.4g}, expected "
            f"{float(right[i, j]):.4g}); rows {rows} of {right.shape[0]} and columns {cols} of "
            f"{right.shape[1]} differ")
    nz = right != 0
    ratio = mine[nz] / right[nz]
    if bool(torch.isfinite(ratio).all()) and float((ratio - ratio[0]).abs().max()) < 1e-5:
        return text + f"; every entry is the right one times {float(ratio[0]):.4g}"
    offset = mine - right
    if float((offset - offset[0, 0]).abs().max()) < 1e-6:
        return text + f"; every entry is the right one plus {float(offset[0, 0]):.4g}"
    if torch.equal(mine.flatten().sort().values, right.flatten().sort().values):
        src = [tuple(int(v) for v in (right == mine[r, c]).nonzero()[0]) for r, c in
               bad.nonzero().tolist()]
        n_r, n_c = right.shape

        def signed(k, n):  # the shorter way round
            return k - n if k > n // 2 else k

        moves = {(signed((p - r) % n_r, n_r), signed((q - c) % n_c, n_c))
                 for (r, c), (p, q) in zip(bad.nonzero().tolist(), src)}
        shift = (f" (every entry comes from {next(iter(moves))[0]:+d} row(s) and "
                 f"{next(iter(moves))[1]:+d} column(s) away, wrapping around: a roll by "
                 f"{tuple(-m for m in next(iter(moves)))}?)"
                 if len(moves) == 1 and bad.all() else "")
        return text + ("; yours holds the right numbers in other places: your "
                       f"[{i}, {j}] is the right [{src[0][0]}, {src[0][1]}]"
                       + (shift or " (a reshape, a flip, a roll or an index?)"))
    if mine.shape[0] > 1 and torch.equal(mine, mine[:1].expand_as(mine)):
        return text + "; every row of yours is the same"
    low, high = float(mine.min()), float(mine.max())
    if torch.equal(mine, right.clamp(low, high)):
        return text + (f"; yours is the right matrix clamped to [{low:.4g}, {high:.4g}]: every "
                       "entry beyond those bounds was cut to them (a clamp or clip on the way?)")
    relation = describe_difference(mine, right, where=False)
    return text + (f". {relation}" if relation else "")


def check_transfer_v2_to_v1(impl):
    # each configuration is a case of its own: a failure that only freshly loaded copies avoid
    # is named as state kept between calls
    check_cases(state_probed(impl, [
        *((f"case {i + 1}", lambda a, d=dims: _check_transfer_config(a, *d))
          # square first: no transpose runs; d_out = 1 last: weight.T is contiguous there
          for i, dims in enumerate(((4, 4), (3, 2), (3, 1)))),
        ("float64 modules", _check_transfer_float64),
        ("modules on the meta device", _check_transfer_meta),
        ("as on a machine with a GPU", lambda a: _check_not_moved_to_gpu(
            a, _transfer_pair(3, 2), "transfer_v2_to_v1 with CPU modules", mps=True, cause=(
                "your function moves sa_v1 (or its weights) to the GPU when one is available "
                "(.cuda() or .to(device) under torch.cuda.is_available(), or .to(get_device()))"
                ", away from the caller's device; copy the weights where the modules are"))),
    ]))


def _transfer_pair(d_in, d_out):
    from llmscratch import SelfAttention_v1, SelfAttention_v2

    return SelfAttention_v2(d_in, d_out), SelfAttention_v1(d_in, d_out)


def _check_transfer_config(impl, d_in, d_out):
    from llmscratch import SelfAttention_v1, SelfAttention_v2

    gen = torch.Generator().manual_seed(2)
    torch.manual_seed(d_in * 10 + d_out)
    sa_v2, sa_v1 = SelfAttention_v2(d_in, d_out), SelfAttention_v1(d_in, d_out)
    before = {name: getattr(sa_v1, name).detach().clone() for name in _NAMES}
    before_v2 = {name: getattr(sa_v2, name).weight.detach().clone() for name in _NAMES}
    for name in _NAMES:  # gradients the caller has accumulated in sa_v2 must survive
        getattr(sa_v2, name).weight.grad = torch.randn(d_out, d_in, generator=gen)
    grads_v2 = {name: getattr(sa_v2, name).weight.grad.clone() for name in _NAMES}
    x = INPUTS if d_in == 3 else torch.rand(5, d_in, generator=gen)
    what = f"with d_in={d_in}, d_out={d_out}"
    result = call_answer(impl, (sa_v2, sa_v1), f"transfer_v2_to_v1 {what}", [
        ("leaf Variable that requires grad", "copy_ into a parameter is an in-place change "
         "that autograd refuses outside torch.no_grad(): put the copies inside a "
         "`with torch.no_grad():` block."),
        ("cannot assign", "nn.Module accepts only an nn.Parameter under a parameter's "
         "name, and a new Parameter would be a different object anyway: copy the values "
         "into the existing one, sa_v1.W_query.copy_(sa_v2.W_query.weight.T), inside "
         "torch.no_grad()."),
        ("Error(s) in loading state_dict", "load_state_dict needs the target's own names "
         "and layouts: sa_v2's state_dict holds 'W_query.weight' of shape (d_out, d_in), "
         "sa_v1 expects 'W_query' of shape (d_in, d_out). Copy each matrix transposed "
         "instead, sa_v1.W_query.copy_(sa_v2.W_query.weight.T), inside torch.no_grad()."),
        ("'Linear' object has no attribute 'T'", "sa_v2.W_query is an nn.Linear layer, not a "
         "tensor; its matrix is sa_v2.W_query.weight: copy sa_v2.W_query.weight.T."),
        ("'Parameter' object has no attribute 'weight'", "sa_v1.W_query is itself the matrix "
         "(an nn.Parameter; v1 has no Linear layers): copy into it directly, "
         "sa_v1.W_query.copy_(sa_v2.W_query.weight.T).")])
    if result is not sa_v1:
        got = "None" if result is None else (
            "sa_v2" if result is sa_v2 else f"another {type(result).__name__} (a copy?), "
            "not the sa_v1 you were given" if isinstance(result, type(sa_v1))
            else f"a {type(result).__name__}")
        raise CheckFailure(f"{what} you returned {got}: return sa_v1, the module you "
                           "copied the weights into")
    for name in _NAMES:
        now = getattr(sa_v2, name).weight.detach()
        if now.shape == before_v2[name].shape and torch.equal(now, before_v2[name]):
            continue
        if now.shape == before[name].T.shape and torch.equal(now, before[name].T):
            raise CheckFailure(f"{what} sa_v2.{name} now holds sa_v1's old values: you "
                               "copied in the wrong direction; copy sa_v2's weights into "
                               "sa_v1 (sa_v1.W.copy_(sa_v2.W.weight.T))")
        raise CheckFailure(f"{what} your function changed sa_v2.{name}.weight (an in-place "
                           "transpose t_() or a copy into it?): read sa_v2's weights with "
                           ".T, which is a new view, and leave sa_v2 unchanged")
    frozen_v2 = [name for name in _NAMES if not getattr(sa_v2, name).weight.requires_grad]
    if frozen_v2:
        raise CheckFailure(f"{what} sa_v2.{frozen_v2[0]}.weight no longer requires gradients "
                           "after your function (sa_v2.requires_grad_(False), or "
                           "requires_grad = False on its weights?), so the caller's sa_v2 "
                           "cannot be trained any more: read its weights inside "
                           "torch.no_grad() (or with .detach()) and leave sa_v2 as it was")
    for name in _NAMES:
        grad = getattr(sa_v2, name).weight.grad
        if grad is not None and grad.shape == grads_v2[name].shape and torch.equal(
                grad, grads_v2[name]):
            continue
        now = ("None (set_to_none)" if grad is None else "all zeros" if bool(
            (grad == 0).all()) else "changed")
        raise CheckFailure(f"{what} sa_v2.{name}.weight.grad, the gradient the caller had "
                           f"accumulated there, is now {now} after your function "
                           "(sa_v2.zero_grad(), or an optimizer step or backward on sa_v2?): "
                           "copying weights must leave sa_v2 as it was, its gradients "
                           "included; only copy into sa_v1 under torch.no_grad()")
    source = {name: getattr(sa_v2, name).weight.detach() for name in _NAMES}
    if all(torch.equal(getattr(sa_v1, n).detach(), before[n]) for n in _NAMES):
        raise CheckFailure(f"{what} none of sa_v1's three matrices changed: nothing was "
                           "copied (a load_state_dict(sa_v2.state_dict(), strict=False) "
                           "copies nothing, since v2's keys are 'W_query.weight' and "
                           "v1's are 'W_query'; neither does putting tensors into the "
                           "dict sa_v1.state_dict() returns, which only replaces the dict's "
                           "entries); copy each one, sa_v1.W_query.copy_("
                           "sa_v2.W_query.weight.T) under torch.no_grad()")
    for name in _NAMES:
        mine = getattr(sa_v1, name).detach()
        if torch.equal(mine, before[name]):
            raise CheckFailure(f"{what} sa_v1.{name} still holds its own random values: "
                               f"copy sa_v2.{name}.weight.T into it too")
        if mine.shape == source[name].shape and torch.equal(mine, source[name]):
            raise CheckFailure(f"{what} {name} was copied without transposing (a view or "
                               "reshape keeps the numbers in the same order): nn.Linear "
                               "stores (d_out, d_in) while v1 multiplies x @ W with W of "
                               "shape (d_in, d_out); copy weight.T")
        if d_in != d_out and 1 not in (d_in, d_out) and torch.equal(
                mine, source[name].reshape(d_in, d_out)):  # with a size of 1 the two agree
            raise CheckFailure(f"{what} {name} holds the weight reshaped with view/reshape, "
                               "which does not transpose it; copy weight.T")
        for other in _NAMES:
            if other != name and torch.equal(mine, source[other].T):
                raise CheckFailure(f"{what} sa_v1.{name} holds sa_v2.{other}'s weights: "
                                   "copy each matrix into the one with the same name")
    for name in _NAMES:
        if (getattr(sa_v1, name).untyped_storage().data_ptr()
                == getattr(sa_v2, name).weight.untyped_storage().data_ptr()):
            raise CheckFailure(f"{what} sa_v1.{name} shares its memory with sa_v2.{name}."
                               "weight (nn.Parameter(weight.T) or .data = weight.T wrap a "
                               "view" + (", and with d_out = 1 weight.T is already contiguous,"
                                         " so .contiguous() returns it without a copy"
                                         if 1 in (d_in, d_out) else "")
                               + "), so training one changes the other: copy the values, "
                               f"sa_v1.{name}.copy_(sa_v2.{name}.weight.T) under "
                               "torch.no_grad()")
    inferred = [name for name in _NAMES if getattr(sa_v1, name).is_inference()]
    if inferred:
        raise CheckFailure(f"{what} sa_v1.{inferred[0]} is an inference tensor: it was made "
                           "under torch.inference_mode() (a new nn.Parameter built there), so "
                           "sa_v1's outputs have no grad_fn and an optimizer cannot update it "
                           "in place; copy into sa_v1's own parameters, "
                           f"sa_v1.{inferred[0]}.copy_(sa_v2.{inferred[0]}.weight.T), under "
                           "torch.no_grad() (inference_mode is fine for that copy_)")
    frozen = [name for name in _NAMES if not getattr(sa_v1, name).requires_grad
              or not getattr(sa_v1, name).is_leaf]
    if frozen:
        raise CheckFailure(f"{what} sa_v1.{frozen[0]} is no longer a trainable leaf "
                           "parameter (requires_grad switched off, or a grad_fn from a copy "
                           "recorded by autograd), so sa_v1 cannot be trained on its own: "
                           "copy under torch.no_grad() and leave requires_grad as it is")
    off = [(name, _max_diff(getattr(sa_v1, name).detach(), source[name].T))
           for name in _NAMES if getattr(sa_v1, name).shape == source[name].T.shape]
    off = [(name, diff) for name, diff in off if diff > 0]
    # how the first matrix that differs was changed on its way, replayed on sa_v2's weight
    first = off[0][0] if off else None
    replays = {} if first is None else {
        **{f"rounded to {dt} (differences up to {off[0][1]:.3g}): a .half() or .to({dt}) on "
           "the way rounds the weights, and copy_ turns them back":
               source[first].T.to(dt).to(source[first].dtype)
           for dt in (torch.float16, torch.bfloat16)},
        **{f"rounded to {d} decimals (differences up to {off[0][1]:.3g}; .round(decimals="
           f"{d})?): keep every digit": source[first].T.round(decimals=d)
           for d in range(1, 7)},
        "added to sa_v1's own random starting values (add_ or += instead of copy_): "
        "copy_ replaces the values": before[first] + source[first].T,
        **{f"plus sa_v2.{o}.weight.T (a copy_ followed by an add_ or += of the other "
           f"matrix?): {first} takes its own weight.T only": source[first].T + source[o].T
           for o in _NAMES if o != first},
        **{f"with every row equal to {how}: copy_ broadcasts a single row to the whole "
           "matrix; copy the whole weight.T": source[first].T[i].expand(d_in, d_out)
           for i, how in ((0, "weight.T[0], its first row"), (-1, "weight.T[-1], its last "
                                                                   "row"))},
        **{f"with every column equal to {how}: copy_ broadcasts a single column to the "
           "whole matrix; copy the whole weight.T": source[first].T[:, i:i + 1].expand(
               d_in, d_out) for i, how in ((0, "weight.T[:, 0], its first column"),)},
        **{f"rearranged: yours is {how}, and reversing or rotating moves the numbers to "
           "other places, while weight.T only swaps rows and columns": v for how, v in (
               ("torch.rot90(weight)", torch.rot90(source[first])),
               ("torch.rot90(weight, -1)", torch.rot90(source[first], -1)),
               ("weight.flip(0, 1) reshaped", source[first].flip(0, 1).reshape(d_in, d_out)),
               ("weight.T.flip(0)", source[first].T.flip(0)),
               ("weight.T.flip(1)", source[first].T.flip(1)),
               ("weight.T.flip(0, 1)", source[first].T.flip(0, 1)))},
    }
    low = next((cause for cause, v in replays.items()
                if torch.equal(getattr(sa_v1, first).detach(), v)), None)
    if first is not None and low is None:  # entries never written keep the random start
        wrong = getattr(sa_v1, first).detach() != source[first].T
        if torch.equal(getattr(sa_v1, first).detach()[wrong], before[first][wrong]):
            rows = sorted({int(r) for r in wrong.nonzero()[:, 0]})
            cols = sorted({int(c) for c in wrong.nonzero()[:, 1]})
            low = (f"except in rows {rows} and columns {cols} (of {d_in} x {d_out}), which "
                   "still hold sa_v1's own random values from before the transfer: those "
                   "entries were never copied (a slice such as W[:k] or weight.T[:k] that "
                   "stops short, or a loop that ends early?)")
    inv = next((n for n, _ in off if _close(getattr(sa_v1, n).detach().double(),
                                             torch.linalg.pinv(source[n].double()), 1e-4)),
               None)
    hint = (f"sa_v1.{inv} is the (pseudo-)inverse of sa_v2.{inv}.weight "
            "(torch.linalg.pinv or inv), not its transpose: v1 needs the same matrix "
            "laid out as (d_in, d_out), weight.T, which only moves the numbers"
            if inv is not None else
            f"sa_v1.{first} equals sa_v2.{first}.weight.T {low}; copy weight.T as it is"
            if low is not None else
            f"sa_v1.{off[0][0]} differs from sa_v2.{off[0][0]}.weight.T by up to "
            f"{off[0][1]:.3g} (the matrices that differ: {', '.join(n for n, _ in off)})"
            f"{_matrix_pattern(getattr(sa_v1, first).detach(), source[first].T)}: "
            "copy each weight.T as it is, with no scaling, rounding or other change."
            if off else "Copy each of W_query, W_key, W_value into the matching name, "
            "transposed.")
    with torch.no_grad():
        assert_close(result(x), sa_v2(x), what=f"v1's output after the transfer ({what})",
                     atol=1e-6, hint=hint)


def _check_transfer_float64(impl):
    """float64 modules: the copied weights keep sa_v1's dtype and every digit."""
    from llmscratch import SelfAttention_v1, SelfAttention_v2

    gen = torch.Generator().manual_seed(3)
    sa_v2, sa_v1 = SelfAttention_v2(5, 6).double(), SelfAttention_v1(5, 6).double()
    with torch.no_grad():  # values that float32 cannot hold exactly
        for name in _NAMES:
            getattr(sa_v2, name).weight.copy_(
                torch.randn(6, 5, generator=gen, dtype=torch.float64))
    impl(sa_v2, sa_v1)
    dtypes = {name: getattr(sa_v1, name).dtype for name in _NAMES}
    if set(dtypes.values()) != {torch.float64}:
        name = next(n for n, d in dtypes.items() if d != torch.float64)
        raise CheckFailure(f"with float64 modules (SelfAttention_v1(5, 6).double()) sa_v1.{name} "
                           f"became {dtypes[name]}: a .float() (or a new Parameter of another "
                           "dtype) changed it; copy_ into the existing parameter keeps its dtype")
    for name in _NAMES:  # a copy between float64 tensors is exact
        mine, source = getattr(sa_v1, name).detach(), getattr(sa_v2, name).weight.detach().T
        if mine.shape == source.shape and not torch.equal(mine, source):
            rounded = torch.equal(mine, source.float().double())
            raise CheckFailure(
                f"with float64 modules (SelfAttention_v1(5, 6).double()) sa_v1.{name} differs "
                f"from sa_v2.{name}.weight.T by up to {_max_diff(mine, source):.2g}, although "
                "a copy between float64 tensors is exact: " + (
                    "the values were rounded to float32 on the way (a .float() or a "
                    "float32 tensor of your own) and copy_ turned them back into float64; "
                    "copy sa_v2's weight.T as it is" if rounded else
                    f"copy sa_v2.{name}.weight.T itself, without changing its values"))


def _check_transfer_meta(impl):
    """Modules on the 'meta' stand-in device: the parameters stay where the modules are."""
    from llmscratch import SelfAttention_v1, SelfAttention_v2

    sa_v2, sa_v1 = SelfAttention_v2(3, 2).to("meta"), SelfAttention_v1(3, 2).to("meta")
    what = "with modules on the 'meta' device (a stand-in for a GPU)"
    cause = ("CPU modules pass, so a step of your code works only on the CPU: NumPy (.numpy(), "
             "torch.from_numpy), .cpu(), or a tensor made without device=...; copy the "
             "tensors themselves, sa_v1.W_query.copy_(sa_v2.W_query.weight.T) under "
             "torch.no_grad(), which works on any device")
    call_answer(impl, (sa_v2, sa_v1), f"transfer_v2_to_v1 {what}",
                [("numpy", cause), ("meta", cause), (NotImplementedError, cause)])
    moved = [(name, getattr(sa_v1, name).device) for name in _NAMES
             if getattr(sa_v1, name).device.type != "meta"]
    if moved:
        raise CheckFailure(f"{what} sa_v1.{moved[0][0]} ended up on {moved[0][1]}: {cause}")


# --- ex3_4: a wrapper with 2-dimensional context vectors ------------------------------------------


def _heads_get_dropout(impl, d_in, context_length):
    """Whether the answer passes its dropout argument as num_heads and 2 as the dropout rate:
    called with dropout=3 (an int), nn.Dropout then refuses the rate 2."""
    try:
        impl(d_in, context_length, 3)
    except ValueError as err:
        return "got 2" in str(err)
    except Exception:  # noqa: BLE001 - any other failure is no evidence
        return False
    return False


_INFERENCE_PARAMS = (
    "are inference tensors: the module was built under torch.inference_mode(), so its outputs "
    "have no grad_fn (backward fails) and load_state_dict cannot write into them; build it "
    "outside inference_mode (torch.no_grad() is not needed either: creating layers records "
    "nothing)")


def check_make_two_dim_wrapper(impl):
    # each part is a case of its own: a failure that only freshly loaded copies of the file
    # avoid (a module cached between calls, a global) is named as state kept between calls
    check_cases(state_probed(impl, [
        ("three configurations, dropout and two calls", _check_wrapper_builds),
        ("as on a machine with a GPU", lambda a: _check_not_moved_to_gpu(
            a, (3, 6, 0.0), "make_two_dim_wrapper(3, 6, 0.0)", mps=True)),
        ("a backward pass in training", _check_wrapper_backward),
    ]))


def _check_wrapper_backward(impl):
    """A training step through the wrapper with dropout 0.5: dropout made in place
    (nn.Dropout(inplace=True)) overwrites the softmax output its backward needs."""
    state, module = torch.get_rng_state(), None  # the answer draws without moving the seed
    try:
        module = impl(3, 6, 0.5)
        if not isinstance(module, torch.nn.Module):
            return  # the first case names what was returned
        module.train()
        x = torch.rand(2, 6, 3, generator=torch.Generator().manual_seed(21), requires_grad=True)
        module(x).sum().backward()
    except NotImplementedError:  # the stub: not attempted yet
        raise
    except Exception as err:  # noqa: BLE001 - only an in-place error is evidence here
        if "inplace operation" not in str(err) or not isinstance(module, torch.nn.Module):
            return  # the other cases judge the module
        inplace = [name for name, m in module.named_modules()
                   if isinstance(m, torch.nn.Dropout) and m.inplace]
        raise CheckFailure(
            "make_two_dim_wrapper(3, 6, 0.5) in training mode: the forward pass runs but "
            "backward fails (PyTorch: 'modified by an inplace operation'): " + (
                f"your dropout layers ({', '.join(inplace)}) drop in place (inplace=True), "
                "overwriting the softmax output that backward needs; keep nn.Dropout's "
                "default inplace=False" if inplace else
                "a step after building changed the module so that it writes into a tensor "
                "autograd still needs; return the wrapper as built")) from None
    finally:
        torch.set_rng_state(state)


def _check_wrapper_builds(impl):
    """Three configurations against the seeded wrapper, then the dropout rate, the training
    mode and two calls under two seeds."""
    from llmscratch import MultiHeadAttentionWrapper

    gen = torch.Generator().manual_seed(4)
    # (d_in, context_length, batch of inputs): the book's (2, 6, 3) batch, then sizes that
    # differ from every other size and inputs shorter than the context
    configs = [(3, 6, torch.stack((INPUTS, INPUTS))), (5, 9, torch.rand(4, 7, 5, generator=gen)),
               (10, 8, torch.rand(3, 6, 10, generator=gen))]  # d_in // 3 and d_in // 2 not 1
    right_widths = []  # the d_in values whose heads had d_out=1, for the contrast below
    for d_in, context_length, batch in configs:
        what = f"make_two_dim_wrapper(d_in={d_in}, context_length={context_length}, dropout=0.0)"
        torch.manual_seed(123)
        try:
            mine = call_answer(impl, (d_in, context_length, 0.0), what, [
                ("dropout probability", "A dropout rate outside [0, 1] reached nn.Dropout: the "
                 "arguments are MultiHeadAttentionWrapper(d_in, d_out, context_length, "
                 "dropout, num_heads); pass context_length before dropout (or by keyword)."),
                ("instances of 'Dropout' and", "An nn.Dropout module reached the wrapper's "
                 "dropout argument, which takes the rate (a float such as 0.0); each head "
                 "builds its own nn.Dropout from it: pass dropout itself."),
                ("found element of type float", "A float size reached nn.Linear: each head's "
                 "d_out must be an int; 2 / num_heads is the float 1.0, use 2 // num_heads "
                 "or 1.")])
        except CheckFailure as err:
            if "interpreted as an integer" in str(err) and _heads_get_dropout(
                    impl, d_in, context_length):
                raise CheckFailure(
                    f"{what}: your code raised TypeError: 'float' object cannot be interpreted "
                    "as an integer: the dropout rate 0.0 reached num_heads (range(num_heads)), "
                    "and with dropout=3 the wrapper gets 3 heads and a dropout rate of 2: "
                    "num_heads and dropout are swapped. The arguments are "
                    "MultiHeadAttentionWrapper(d_in, d_out, context_length, dropout, "
                    "num_heads); pass num_heads=2 by keyword") from err
            raise
        if not isinstance(mine, torch.nn.Module):
            raise CheckFailure(f"{what} returned a {type(mine).__name__}; return the wrapper "
                               "module")
        on_meta = [e for e in tensors_not_on(mine, "cpu", "module") if "meta" in e]
        if on_meta:
            raise CheckFailure(f"{what}: your {on_meta[0]}: a module built under "
                               "torch.device('meta') (or moved there) has parameters without "
                               "values, so it cannot run; build the wrapper normally, on the "
                               "CPU, and let the caller move it")
        heads = getattr(mine, "heads", None)
        if heads is None:
            kinds = [type(m).__name__ for m in mine.children()]
            wrapped = [m for m in mine.modules() if isinstance(m, MultiHeadAttentionWrapper)]
            if kinds and set(kinds) == {"CausalAttention"}:
                raise CheckFailure(
                    f"{what} returned a {type(mine).__name__} of {len(kinds)} CausalAttention "
                    "modules, the wrapper's list of heads (.heads?), not the wrapper: return "
                    "the MultiHeadAttentionWrapper itself; its forward runs the heads and "
                    "concatenates their outputs")
            if wrapped:
                extra = [f"{type(m).__name__} ({sum(p.numel() for p in m.parameters())} "
                         "parameters)" for m in mine.modules() if m is not mine
                         and m is not wrapped[0] and not isinstance(m, torch.nn.ModuleList)
                         and all(m is not n for n in wrapped[0].modules())]
                widths = [h.W_query.out_features for h in wrapped[0].heads]
                raise CheckFailure(
                    f"{what} returned a {type(mine).__name__} that holds a "
                    f"MultiHeadAttentionWrapper (heads of d_out {widths}) and more layers: "
                    f"{', '.join(extra) or 'none with parameters'}. Return the wrapper alone "
                    "and get the 2 output dimensions from its sizes: num_heads * d_out = 2, "
                    "so each of the 2 heads has d_out=1 (no projection afterwards)")
            raise CheckFailure(f"{what} returned a {type(mine).__name__} with no list of heads: "
                               "build a MultiHeadAttentionWrapper, which keeps them in .heads")
        shared = [] if len(heads) != 2 or heads[0] is heads[1] else [
            n for n, p in heads[0].named_parameters()
            if any(p is q for q in heads[1].parameters())]
        if len(heads) == 2 and (heads[0] is heads[1] or len(shared) == len(
                list(heads[0].parameters()))):
            raise CheckFailure(f"{what}: your two heads are the same module (one head put in "
                               "twice), so they share their weights and give equal outputs: "
                               "build the wrapper with num_heads=2, which makes two "
                               "independent heads")
        if shared:  # separate heads, but a layer of one assigned to the other
            raise CheckFailure(f"{what}: your two heads are separate modules but share "
                               f"{', '.join(shared)} (the same parameter object in both: a "
                               "layer of one head assigned to the other), so training updates "
                               "them together and the heads are not independent: build the "
                               "wrapper with num_heads=2 and leave its heads' layers as built")
        if len(heads) == 2 and all(a.shape == b.shape and torch.equal(a, b) for a, b in
                                   zip(heads[0].parameters(), heads[1].parameters())):
            raise CheckFailure(f"{what}: your two heads are separate modules with identical "
                               "weights (one head copied, copy.deepcopy?), so they give equal "
                               "outputs: build the wrapper with num_heads=2, whose heads start "
                               "from different random weights")
        if len(heads) != 2:
            raise CheckFailure(f"{what}: the wrapper has {len(heads)} head(s); the exercise "
                               "asks for 2 heads of d_out=1 each")
        d_outs = [h.W_query.weight.shape[0] for h in heads]
        if d_outs != [1, 1] and right_widths:
            raise CheckFailure(f"{what}: the heads have d_out={d_outs[0]}, so the context "
                               f"vectors have {sum(d_outs)} dimensions, not 2, while with "
                               f"d_in={' and '.join(map(str, right_widths))} they had d_out=1: "
                               "your d_out depends on d_in (computed from it, such as d_in // "
                               "3, which is 1 only for the book's d_in=3); the exercise's "
                               "d_out is 1 whatever d_in is")
        d_ins = [h.W_query.weight.shape[1] for h in heads]
        if d_outs != [1, 1] and d_ins == [1, 1] and d_outs[0] == d_in:
            raise CheckFailure(f"{what}: the heads have d_in=1 and d_out={d_in}, so the "
                               f"context vectors have {sum(d_outs)} dimensions, not 2: d_in "
                               "and d_out are swapped. The arguments are "
                               "MultiHeadAttentionWrapper(d_in, d_out, context_length, dropout, "
                               "num_heads): d_in first, then d_out=1")
        if d_outs != [1, 1]:
            probe = torch.rand(1, 3, d_in, generator=torch.Generator().manual_seed(4))
            out = _try_call(mine.eval(), probe)
            outs = [_try_call(h.eval(), probe) for h in heads]
            width = out.shape[-1] if isinstance(out, torch.Tensor) and out.dim() else None
            stacked = torch.stack(outs) if isinstance(out, torch.Tensor) and all(
                isinstance(o, torch.Tensor) and o.shape == out.shape for o in outs) else None
            combined = None if stacked is None else "adds" if _close(out, stacked.sum(0)) \
                else "averages" if _close(out, stacked.mean(0)) else None
            if combined:
                raise CheckFailure(
                    f"{what}: your module {combined} its heads' outputs instead of "
                    f"concatenating them, so {len(heads)} heads of d_out={d_outs[0]} give "
                    f"{width} dimensions: the heads' separate features are mixed into one "
                    "vector. The book's wrapper concatenates (torch.cat(..., dim=-1)), so its "
                    "2 output dimensions come from 2 heads of d_out=1: "
                    "MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)")
            joined = torch.cat(outs, -1) if all(isinstance(o, torch.Tensor) and o.dim()
                                                for o in outs) else None
            if width is not None and joined is not None and width < joined.shape[-1] and \
                    _close(out, joined[..., :width]):
                raise CheckFailure(
                    f"{what}: your module keeps only the first {width} of the "
                    f"{joined.shape[-1]} features its {len(heads)} heads of d_out={d_outs[0]} "
                    "give (a slice such as [..., :2]), so the later head's features are thrown "
                    "away: build 2 heads of d_out=1, whose concatenation is 2 wide, "
                    "MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2)")
            raise CheckFailure(f"{what}: the heads have d_out={d_outs[0]}, so concatenated "
                               f"they give {sum(d_outs)} dimensions, not 2"
                               + (f"; your module returns {width}, so a step after the heads "
                                  "cuts or combines their features (no slice, sum or mean of "
                                  "the heads matches it)" if width is not None
                                  and width != sum(d_outs) else "")
                               + ": the wrapper concatenates its heads (num_heads * d_out), so "
                               "each head needs d_out=1")
        right_widths.append(d_in)
        biased = [n for n in _NAMES for h in heads if getattr(h, n).bias is not None]
        if biased:
            raise CheckFailure(f"{what}: the heads' {biased[0]} has a bias; the exercise's "
                               "wrapper keeps the default qkv_bias=False")
        widths = {h.W_query.weight.shape[1] for h in heads}
        if widths != {d_in}:
            raise CheckFailure(f"{what}: the heads read inputs of {sorted(widths)} dimensions; "
                               f"pass d_in through (here {d_in})")
        masks = {tuple(h.mask.shape) for h in heads if hasattr(h, "mask")}
        if masks != {(context_length, context_length)}:
            raise CheckFailure(f"{what}: the heads' causal masks have shape {sorted(masks)}; "
                               f"pass context_length through ({context_length})")
        dtypes = {p.dtype for p in mine.parameters()}
        if not dtypes and any(True for h in heads for _ in h.parameters()):
            raise CheckFailure(f"{what}: the module has no parameters, although its heads have "
                               f"some: the heads are kept in a plain Python {type(heads).__name__}"
                               ", which nn.Module does not register (parameters(), state_dict(), "
                               ".to() and the optimizer miss them); keep them in an "
                               "nn.ModuleList, as MultiHeadAttentionWrapper does")
        if dtypes != {torch.float32}:
            raise CheckFailure(f"{what}: the module's parameters are {sorted(map(str, dtypes))}"
                               "; return it as built, in float32 (no .double() or .half()), so "
                               "it takes the float32 inputs of the rest of the chapter")
        inferred = [n for n, p in mine.named_parameters() if p.is_inference()]
        if inferred:
            raise CheckFailure(f"{what}: {len(inferred)} parameter(s), such as {inferred[0]}, "
                               + _INFERENCE_PARAMS)
        frozen = [n for n, p in mine.named_parameters() if not p.requires_grad]
        if frozen:
            raise CheckFailure(f"{what}: {len(frozen)} parameter(s), such as {frozen[0]}, do not "
                               "require gradients (requires_grad_(False)?), so training could "
                               "not change them: return the module as built, trainable")
        torch.manual_seed(123)
        ref = MultiHeadAttentionWrapper(d_in, 1, context_length, 0.0, num_heads=2)
        with torch.no_grad():
            out = _tensor(call_answer(mine.eval(), (batch,), f"{what} on a batch of shape "
                                      f"{tuple(batch.shape)}"), what)
            mine_params, ref_params = list(mine.parameters()), list(ref.parameters())
            same_init = len(mine_params) == len(ref_params) and all(
                a.shape == b.shape and torch.equal(a, b) for a, b in zip(mine_params, ref_params))
            def same(a, b):
                pa, pb = list(a.parameters()), list(b.parameters())
                return len(pa) == len(pb) and all(
                    x.shape == y.shape and torch.equal(x, y) for x, y in zip(pa, pb))

            order = [next((j for j, r in enumerate(ref.heads) if same(h, r)), None)
                     for h in heads] if heads is not None and not same_init else []
            moved = (len(order) == len(ref.heads) and None not in order
                     and order != list(range(len(order))))
            ref_named = dict(ref.named_parameters())
            changed = [] if same_init or moved else [  # a weight changed after building
                (n, rel) for n, p in mine.named_parameters() if n in ref_named
                and p.shape == ref_named[n].shape and not torch.equal(p, ref_named[n])
                for rel in [describe_difference(p.detach(), ref_named[n].detach(), where=False)]
                if rel]
            differ = [not (a.shape == b.shape and torch.equal(a, b))
                      for a, b in zip(mine_params, ref_params)]
            redrawn = (len(mine_params) == len(ref_params) and not same_init and not moved
                       and differ.index(True) < len(differ) - 1 - differ[::-1].index(False)
                       if False in differ else False)  # a later parameter still equal
            hint = (f"Your heads are the wrapper's own heads built under the same seed, but "
                    f"in the order {order} (head {order[0]} as built comes first): a step after "
                    "building reorders them (a reversed or sorted list?), so the output's "
                    "features come in another order; return the wrapper with its heads as "
                    "MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2) "
                    "builds them" if moved else
                    f"Your {changed[0][0]} is the seeded wrapper's own, changed after building. "
                    f"{changed[0][1]} A step after building changes the weights; return the "
                    "wrapper as MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, "
                    "num_heads=2) builds it" if changed else
                    f"Your {[n for n, _ in mine.named_parameters()][differ.index(True)]} "
                    "differs from the seeded wrapper's while later parameters still equal "
                    "theirs: a step after building re-draws or changes it (no extra random "
                    "numbers before it); return the wrapper as built" if redrawn else
                    f"Your {len(mine_params)} parameters equal those of "
                    "MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2) "
                    "built under the same seed, yet the output differs: your module's forward "
                    "is not the wrapper's (the heads' outputs concatenated along the last "
                    "dimension)" if same_init else
                    "Under torch.manual_seed(123) your heads start from other weights than "
                    "MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, num_heads=2) "
                    "(2 heads, 1 output dimension each, 2 output dimensions per token in "
                    "all): build that wrapper and nothing else, so no other random numbers "
                    "are drawn before or between its heads")
            assert_close(out, ref(batch), what=f"the output of {what} under "
                         "torch.manual_seed(123)", atol=1e-5, hint=hint)
    built = impl(3, 6, 0.25)
    rates = {m.p for m in built.modules() if isinstance(m, torch.nn.Dropout)}
    if rates != {0.25}:
        biased = [n for n, _ in built.named_parameters() if n.endswith(".bias")]
        went = (f" Your heads also have biases ({biased[0]}, ...) that the same call with "
                "dropout=0.0 leaves out: the dropout went into qkv_bias, the sixth "
                "positional argument (MultiHeadAttentionWrapper(d_in, d_out, context_length, "
                "dropout, num_heads, qkv_bias)); pass it as the fourth, or by name."
                if biased and rates == {0.0} else "")
        keep = (" 0.75 = 1 - 0.25: you passed the keep probability 1 - dropout, while "
                "the wrapper's dropout (nn.Dropout(p)) takes the probability of dropping; "
                "pass dropout as it is." if rates == {0.75} else "")
        (rate,) = rates if len(rates) == 1 else (None,)
        import math

        power = math.log(rate) / math.log(0.25) if rate and 0 < rate < 1 else None
        again = {m.p for m in impl(3, 6, 0.8).modules() if isinstance(m, torch.nn.Dropout)} \
            if power is not None and abs(power - 1) > 1e-6 and not went else set()
        factor = (f" {rate} = 0.25 ** 2: the rate was squared;" if rate == 0.25 ** 2 else
                  f" {rate:.4g} = 0.25 ** {power:.4g}, and dropout 0.8 gave {max(again):.4g} = "
                  f"0.8 ** {power:.4g}: the rate was raised to the power {power:.4g}"
                  + (" (a square root)" if abs(power - 0.5) < 1e-6 else "") + ";"
                  if len(again) == 1 and 0 < max(again) < 1 and abs(
                      math.log(max(again)) / math.log(0.8) - power) < 1e-6 else
                  f" {rate} = round(0.25, {len(str(rate)) - 2}): the rate was rounded;"
                  if rate in (round(0.25, 1), 0.3) else
                  f" {rate:.4g} is 0.25 times {rate / 0.25:.4g}: the rate was scaled on the way;"
                  if rate and not went else "")
        raise CheckFailure(f"asked for dropout 0.25, the module's dropout rates are "
                           f"{sorted(rates)}:" + (keep or f"{factor} pass the dropout argument "
                                                   f"through as it is.{went}"))
    rates = {m.p for m in impl(3, 6, 0.0).modules() if isinstance(m, torch.nn.Dropout)}
    if not rates:
        raise CheckFailure("asked for dropout 0.0, the module has no dropout layers at all, "
                           "while dropout 0.25 keeps them: your code removes them or swaps "
                           "them for nn.Identity when the rate is 0; return the wrapper as "
                           "built, with its heads' nn.Dropout(0.0) layers (a rate set later on "
                           "their .p still finds them)")
    if rates != {0.0}:
        raise CheckFailure(f"asked for dropout 0.0, the module's dropout rates are "
                           f"{sorted(rates)}, while dropout 0.25 came through as 0.25: a rate "
                           "of 0 is replaced by another (`dropout or 0.1` treats 0.0 as "
                           "missing, as does `if not dropout`); pass the dropout argument "
                           "through as it is, 0.0 included")
    plain = {n: tuple(p.shape) for n, p in impl(3, 6, 0.0).named_parameters()}
    dropping = {n: tuple(p.shape) for n, p in built.named_parameters()}
    if dropping != plain:  # the rate came through, yet it changes the layers as well
        extra, missing = sorted(set(dropping) - set(plain)), sorted(set(plain) - set(dropping))
        biases = extra and not missing and all(n.endswith(".bias") for n in extra)
        raise CheckFailure(
            "with dropout 0.25 the module's parameters differ from those it has with dropout "
            "0.0: " + (f"it gains {len(extra)} biases ({extra[0]}, ...), so qkv_bias follows the "
                       "dropout (the rate passed to qkv_bias as well, such as a sixth positional "
                       "argument, where any rate above 0 counts as True); leave qkv_bias out "
                       "(it defaults to False)" if biases else
                       f"parameters gained {extra[:3]}, lost {missing[:3]}, and shapes changed "
                       f"for {[n for n in plain if n in dropping and plain[n] != dropping[n]][:3]}"
                       "; the dropout rate should change only the dropout layers: build the "
                       "same wrapper for every rate"))
    high = {m.p for m in impl(3, 6, 0.8).modules() if isinstance(m, torch.nn.Dropout)}
    if high != {0.8}:
        higher = {m.p for m in impl(3, 6, 0.9).modules() if isinstance(m, torch.nn.Dropout)}
        capped = len(high) == 1 and high == higher and max(high) < 0.8
        raise CheckFailure(f"asked for dropout 0.8, the module's dropout rates are "
                           f"{sorted(high)}, while 0.25 and 0.0 came through as they are: "
                           + (f"a large rate is capped at {max(high):g} (0.9 gives "
                              f"{max(higher):g} too: a min(dropout, {max(high):g}) or an if "
                              "that limits it?)" if capped else
                              "a large rate is changed on the way (an if or a formula that "
                              "treats rates above some bound differently?)")
                           + "; pass the dropout argument through as it is, whatever its size")
    long = impl(3, 2048, 0.0)
    masks = sorted({tuple(m.shape) for m in long.buffers() if m.dim() == 2})
    if masks != [(2048, 2048)]:
        raise CheckFailure(f"asked for context_length=2048, the heads' causal masks have shape "
                           f"{masks}, while context_length=6 came through: a longer context is "
                           "cut short (a cap such as min(context_length, 1024), or a fixed "
                           "maximum); pass context_length through as it is")
    if not impl(3, 6, 0.25).training:
        raise CheckFailure("the module came back in eval mode (.eval()), so its dropout is off "
                           "during training; return it as built, in training mode")
    torch.manual_seed(1)
    first = impl(3, 6, 0.0)
    torch.manual_seed(2)
    second = impl(3, 6, 0.0)
    if first is second:
        raise CheckFailure("two calls with the same arguments returned the same module object "
                           "(a cache such as functools.lru_cache?), so both users would share "
                           "one set of weights: build a new module in every call")
    if all(torch.equal(a, b) for a, b in zip(first.parameters(), second.parameters())):
        raise CheckFailure("two calls under different random seeds gave identical weights: "
                           "your function seeds the random generator itself (torch.manual_seed"
                           "?), which also resets it for the caller; leave seeding to the "
                           "caller")


_GPU_MOVE = ("your function moves tensors to the GPU when one is available (.cuda() or "
             ".to('cuda') under torch.cuda.is_available(), .to('mps') under "
             "torch.backends.mps.is_available(), or .to(get_device())), so its result leaves "
             "the inputs' device; keep every step on the inputs' device (whoever calls it moves "
             "the model and its inputs together)")


def _check_not_moved_to_gpu(impl, args, what, cause=None, mps=False):
    """A module factory (or a function of CPU tensors, with ``cause`` _GPU_MOVE) called as on a
    machine with a GPU (torch.cuda.is_available() reports True, and with ``mps``
    torch.backends.mps.is_available() too, as on a Mac): one that moves its module or result to
    CUDA or MPS fails here (PyTorch has neither) or, on a real GPU, returns it there; the right
    answer keeps it on the CPU either way. ``cause`` replaces the factory's wording of the
    cause (for a module class or a function)."""
    state, available = torch.get_rng_state(), torch.cuda.is_available
    on_mac = torch.backends.mps.is_available
    torch.cuda.is_available = lambda: True
    if mps:
        torch.backends.mps.is_available = lambda: True
    try:
        module, err = impl(*args), None
    except NotImplementedError:  # the stub: not attempted yet
        raise
    except Exception as caught:  # noqa: BLE001 - only a CUDA or MPS move is evidence
        module, err = None, caught
    finally:
        torch.cuda.is_available, torch.backends.mps.is_available = available, on_mac
        torch.set_rng_state(state)
    tensors = [*module.parameters(), *module.buffers()] if isinstance(
        module, torch.nn.Module) else [module] if isinstance(module, torch.Tensor) else []
    devices = sorted({str(t.device) for t in tensors if t.device.type != "cpu"})
    apple = bool(re.search(r"\bmps\b", " ".join(devices) if devices else str(err)))
    if devices or (err is not None and re.search(r"cuda|nvidia" + (r"|\bmps\b" if mps else ""),
                                                 str(err), re.IGNORECASE)):
        moved = (f"returned the {'result' if isinstance(module, torch.Tensor) else 'module'}"
                 f" on {', '.join(devices)}" if devices else
                 f"raised {type(err).__name__}: {err}")
        raise CheckFailure(
            f"{what}, called as on a machine with a GPU (torch.cuda.is_available() "
            + ("and torch.backends.mps.is_available() " if mps else "")
            + f"reporting True), {moved}: " + (cause or (
                "your function moves the module to the GPU when one is available (.to(device) "
                + ("with 'mps' if torch.backends.mps.is_available(), Apple's GPU" if apple else
                   "with 'cuda' if torch.cuda.is_available(), or .to(get_device())")
                + "), while the caller's inputs stay where they are. Return the module as "
                "built, on the CPU; whoever trains it moves the model and its inputs "
                "together")))


# --- ex3_5: a GPT-2-sized attention module --------------------------------------------------------

GPT2_ATTENTION_PARAMS = 2_360_064


def _attention_params(d_in, d_out, qkv_bias=False):
    return 3 * d_in * d_out + (3 * d_out if qkv_bias else 0) + d_out * d_out + d_out


def _gpt2_sizes_hint(module):
    """Name the sizes that differ from GPT-2 small's, read from the module's layers."""
    weight = getattr(getattr(module, "W_query", None), "weight", None)
    mask = getattr(module, "mask", None)
    if weight is None or weight.dim() != 2:
        return _gpt2_param_diff(module)
    d_out, d_in = weight.shape
    ctx = tuple(mask.shape)[0] if torch.is_tensor(mask) and mask.dim() == 2 else None
    if d_in == 1024 and ctx == 768:
        return ("Your W_query reads d_in=1024 inputs and the mask is 768 x 768: d_in and "
                "context_length are swapped. The arguments are MultiHeadAttention(d_in=768, "
                "d_out=768, context_length=1024, dropout, num_heads).")
    out_proj = getattr(module, "out_proj", None)
    if not isinstance(out_proj, torch.nn.Linear):
        return (f"Your out_proj is {type(out_proj).__name__ if out_proj is not None else 'gone'},"
                " not nn.Linear(768, 768) with bias (768 * 768 + 768 = 590,592 parameters): "
                "keep the book's out_proj, which mixes the heads' outputs.")
    if out_proj.bias is None:
        return ("Your out_proj has no bias (768 parameters fewer): only the query, key and "
                "value projections go without bias (qkv_bias=False); keep out_proj's "
                "default bias=True.")
    wrong = [f"{name}={got} (GPT-2: {want})" for name, got, want in
             (("d_in", d_in, 768), ("d_out", d_out, 768), ("context_length", ctx, 1024))
             if got is not None and got != want]
    if wrong:
        return f"Your module has {', '.join(wrong)}."
    return _gpt2_param_diff(module)


def _count_reading(diff):
    """A parameter-count difference read as 768 x 768 matrices and 768-long vectors (a weight,
    a bias), or "" when it is not a small number of them."""
    def words(k, one, many):
        return f"{abs(k)} {one if abs(k) == 1 else many} {'more' if k > 0 else 'fewer'}"
    for mats in range(-4, 5):
        vecs, rest = divmod(diff - mats * 768 * 768, 768)
        if rest == 0 and abs(vecs) <= 4 and (mats or vecs):
            return " = " + " and ".join(
                [words(mats, "768 x 768 weight matrix", "768 x 768 weight matrices")]
                * bool(mats) + [words(vecs, "vector of 768 (a bias or a norm's weight)",
                                      "vectors of 768 (biases or norm weights)")] * bool(vecs))
    return ""


def _gpt2_param_diff(module):
    """The parameters (names and shapes) in which ``module`` differs from GPT-2 small's MHA."""
    from llmscratch import MultiHeadAttention

    want = {n: tuple(t.shape) for n, t in
            MultiHeadAttention(768, 768, 1024, 0.0, 12).named_parameters()}
    have = {n: tuple(t.shape) for n, t in module.named_parameters()}
    parts = [(f"yours lacks {', '.join(f'{n} {want[n]}' for n in want if n not in have)}"),
             (f"yours has extra {', '.join(f'{n} {have[n]}' for n in have if n not in want)}"),
             ("shapes differ: " + ", ".join(f"{n} yours {have[n]}, GPT-2's {want[n]}"
                                            for n in want if n in have and have[n] != want[n]))]
    parts = [p for p, names in zip(parts, (set(want) - set(have), set(have) - set(want),
                                           [n for n in want if have.get(n, want[n]) != want[n]]))
             if names]
    return ("Compared with MultiHeadAttention(768, 768, 1024, 0.0, 12)'s parameters: "
            + "; ".join(parts) + ". A shape that differs names the size to fix (d_in, d_out); "
            "an extra or missing name, a layer added, renamed or left out.") if parts else \
        "Check d_in=768 and d_out=768."



def _init_arguments(err):
    """The sizes the last ``__init__`` with a ``num_heads`` argument got, read from the
    traceback of ``err`` (the module's own frame)."""
    tb, found = err.__traceback__, {}
    while tb is not None:
        names = tb.tb_frame.f_locals
        if tb.tb_frame.f_code.co_name == "__init__" and "num_heads" in names:
            found = {k: names[k] for k in ("d_in", "d_out", "context_length", "dropout",
                                           "num_heads") if k in names}
        tb = tb.tb_next
    return found


def check_make_gpt2_attention(impl):
    # each part is a case of its own: a failure that only freshly loaded copies of the file
    # avoid (a module cached between calls, a global) is named as state kept between calls
    check_cases(state_probed(impl, [
        ("GPT-2 small's sizes and two calls", _check_gpt2_builds),
        ("as on a machine with a GPU", lambda a: _check_not_moved_to_gpu(
            a, (), "make_gpt2_attention()", mps=True)),
    ]))


def _check_gpt2_builds(impl):
    """The module's class, dtype, parameter count and names, heads, mask, dropout and
    trainability, its output shape, then two calls under two seeds."""
    try:
        module = impl()
    except (ValueError, AssertionError, ZeroDivisionError) as err:
        import re

        got = re.search(r"dropout probability has to be between 0 and 1, but got ([\d.e+-]+)",
                        str(err))
        swapped = {1024: " = the context length: context_length and dropout are swapped",
                   12: " = the number of heads: num_heads and dropout are swapped",
                   768: " = the width: a size landed in dropout's place"}
        width = re.search(r"d_out=(\d+)", str(err))
        hint = (" d_out is the total width of all heads (768), not the size of one head (64)."
                if "divisible" in str(err) and (not width or int(width.group(1)) < 768) else
                f" Your d_out is {width.group(1)}; GPT-2 small's is 768 = 12 heads x 64 "
                "(1,024 is its context length, not a width)."
                if "divisible" in str(err) and width.group(1) == "1024" else
                f" Your d_out is {width.group(1)}; GPT-2 small's is 768 = 12 heads x 64."
                if "divisible" in str(err) else
                f" Your dropout got {got.group(1)}"
                f"{swapped.get(float(got.group(1)), ', a size in dropout' + chr(39) + 's place')}"
                ". The arguments are MultiHeadAttention(d_in, d_out, context_length, dropout, "
                "num_heads, qkv_bias): pass them by keyword (context_length=1024, dropout=0.0)."
                if got else "")
        gpt2 = {"d_in": 768, "d_out": 768, "context_length": 1024, "dropout": 0.0,
                "num_heads": 12}
        given = _init_arguments(err)
        pairs = [(a, b) for a in given for b in given if a < b and given[a] != gpt2[a]
                 and given[a] == gpt2[b] and given[b] == gpt2[a]]
        if not hint and pairs:
            a, b = pairs[0]
            hint = (f" The module got {a}={given[a]!r} and {b}={given[b]!r}: {a} and {b} are "
                    "swapped. The arguments are MultiHeadAttention(d_in, d_out, context_length, "
                    "dropout, num_heads, qkv_bias): pass them by keyword.")
        off = [f"{k}={given[k]!r} (GPT-2 small's is {gpt2[k]!r})" for k in given
               if given[k] != gpt2[k] or type(given[k]) is bool]
        if not hint and off:
            hint = (f" The module got {', '.join(off)}" + (
                f": {given['num_heads']!r} is a qkv_bias value in num_heads' place (a "
                "positional call in another order?)" if type(given.get("num_heads")) is bool
                else "") + ". The arguments are MultiHeadAttention(d_in, d_out, "
                "context_length, dropout, num_heads, qkv_bias): pass them by keyword.")
        raise CheckFailure(f"make_gpt2_attention() raised {type(err).__name__}: {err}.{hint}"
                           ) from err
    if not isinstance(module, torch.nn.Module):
        raise CheckFailure(f"make_gpt2_attention() returned a {type(module).__name__}; return "
                           "the attention module")
    if isinstance(module, torch.nn.MultiheadAttention):
        raise CheckFailure("you built PyTorch's torch.nn.MultiheadAttention, which has qkv "
                           "biases and no causal mask of its own; build the chapter's "
                           "MultiHeadAttention (from llmscratch import MultiHeadAttention)")
    dtypes = sorted({str(p.dtype) for p in module.parameters()})
    if dtypes != ["torch.float32"]:
        raise CheckFailure(f"the module's parameters are {', '.join(dtypes)}: build it in "
                           "PyTorch's default float32 (no .half(), .bfloat16() or .double())")
    elsewhere = tensors_not_on(module, "cpu", "module")
    if elsewhere:
        meta = any("meta" in e for e in elsewhere)
        raise CheckFailure(f"your {elsewhere[0]}, not on the CPU where a new module's weights "
                           "are made"
                           + (": a module built under torch.device('meta') (or moved there) has "
                              "parameters without values, so it cannot run; build it normally "
                              "and let the caller move it" if meta else
                              ": the function moved it; build it on the CPU and let the caller "
                              "move it with .to(device)"))
    first_name, tied = {}, []
    for name, p in module.named_parameters(remove_duplicate=False):
        if id(p) in first_name:
            tied.append(f"{name} is {first_name[id(p)]}")
        first_name.setdefault(id(p), name)
    n = sum(p.numel() for p in module.parameters())
    if tied:
        raise CheckFailure(
            f"your module shares a parameter between two layers: {'; '.join(tied)} (the same "
            f"tensor, tied by an assignment such as out_proj.weight = W_value.weight), so "
            f"parameters() counts it once ({n:,} parameters, GPT-2 small's attention has "
            f"{GPT2_ATTENTION_PARAMS:,}) and training one layer changes the other; give every "
            "layer its own weights (leave the module as MultiHeadAttention builds it)")
    if n != GPT2_ATTENTION_PARAMS:
        diff = n - GPT2_ATTENTION_PARAMS
        w_query = getattr(module, "W_query", None)
        # each count is named only when the module's layers show that mistake too
        cause = likely_cause(n, {k: v for k, v, seen in (
            ("That is 3 x 768 extra: qkv_bias must be False.", _attention_params(768, 768, True),
             getattr(w_query, "bias", None) is not None),
            ("That is the count for d_out=64: d_out is the total width of all heads (768), "
             "not the size of one head (64).", _attention_params(768, 64),
             getattr(getattr(w_query, "weight", None), "shape", (0,))[0] == 64),
            ("That is MultiHeadAttentionWrapper's count: 12 separate heads and no out_proj. "
             "Build the book's MultiHeadAttention (weight splits) instead.", 12 * 3 * 768 * 64,
             hasattr(module, "heads"))) if seen}, atol=0)
        if cause is None:
            cause = _gpt2_sizes_hint(module)
        raise CheckFailure(f"the module has {n:,} parameters, GPT-2 small's attention has "
                           f"{GPT2_ATTENTION_PARAMS:,} (difference {diff:+,}"
                           f"{_count_reading(diff)}). {cause}")
    book_keys = ["W_query.weight", "W_key.weight", "W_value.weight", "out_proj.weight",
                 "out_proj.bias"]
    keys = [k for k, _ in module.named_parameters()]
    if sorted(keys) != sorted(book_keys):
        fused = [k for k in keys if "qkv" in k.lower() or "c_attn" in k]
        raise CheckFailure(
            f"the count is right, but your {type(module).__name__}'s parameters are "
            f"{', '.join(keys[:6])}, not the book's MultiHeadAttention's "
            f"{', '.join(book_keys)}"
            + (f": {fused[0]} is one fused query/key/value projection "
               f"({type(module).__name__}), so the book's state dicts do not load into it"
               if fused else "")
            + ". The exercise asks for a MultiHeadAttention: return MultiHeadAttention(d_in=768,"
            " d_out=768, context_length=1024, dropout=0.0, num_heads=12)")
    if getattr(module, "num_heads", None) != 12:
        raise CheckFailure(f"num_heads is {getattr(module, 'num_heads', None)}; GPT-2 small has "
                           "12 heads of 64 dimensions each")
    mask = getattr(module, "mask", None)
    if mask is None or tuple(mask.shape) != (1024, 1024):
        shape = None if mask is None else tuple(mask.shape)
        raise CheckFailure(f"the causal mask has shape {shape}; GPT-2 supports 1,024 tokens, so "
                           "context_length=1024")
    if "mask" not in module.state_dict():
        raise CheckFailure("the causal mask is not in the module's state_dict (a buffer "
                           "registered with persistent=False, or a plain attribute?): the "
                           "book's saved state dicts hold a 'mask' entry, and they would no "
                           "longer load with strict=True; keep the mask buffer as "
                           "MultiHeadAttention registers it")
    rates = {m.p for m in module.modules() if isinstance(m, torch.nn.Dropout)}
    if rates != {0.0}:
        raise CheckFailure(f"dropout rates {sorted(rates)}: the exercise asks for dropout 0.0 "
                           "(GPT-2's own 0.1 is for training, not for this exercise)")
    inferred = [n for n, p in module.named_parameters() if p.is_inference()]
    if inferred:
        raise CheckFailure(f"{len(inferred)} parameter(s), such as {inferred[0]}, "
                           + _INFERENCE_PARAMS)
    frozen = [n for n, p in module.named_parameters() if not p.requires_grad]
    if frozen:
        raise CheckFailure(f"{len(frozen)} parameter(s), such as {frozen[0]}, do not require "
                           "gradients (requires_grad_(False)?): return the module trainable")
    if getattr(module, "cache_k", None) is not None:
        raise CheckFailure(
            f"the module's key/value cache already holds keys of shape "
            f"{tuple(getattr(module.cache_k, 'shape', ()))}: a call with use_cache=True while "
            "building filled it, and the first cached call of a generation would attend to "
            "those stale keys; return the module with an empty cache (reset_cache())")
    with torch.no_grad():
        out = module(torch.rand(1, 4, 768))
    if out.shape != (1, 4, 768):
        raise CheckFailure(f"a (1, 4, 768) input gave shape {tuple(out.shape)}, not (1, 4, 768)")
    from llmscratch import MultiHeadAttention

    ref = MultiHeadAttention(768, 768, 1024, 0.0, num_heads=12)
    if not ref.load_state_dict(module.state_dict(), strict=False).missing_keys:
        x = torch.rand(1, 3, 768)
        with torch.no_grad():
            again, want = module(x), ref(x)
        if not (isinstance(again, torch.Tensor) and again.shape == want.shape
                and _close(again, want, 1e-4)):
            kept = getattr(module, "cache_k", None) is not None
            raise CheckFailure(
                "a second forward call, on another input of shape (1, 3, 768), does not give "
                "what a fresh MultiHeadAttention with the same weights gives" + (
                    ": your module keeps the keys and values of earlier calls (its key/value "
                    "cache is on: use_cache=True by default, or a call made with it while "
                    "building); return the module with the cache off and empty"
                    if kept else ": its forward differs from the book's module's"))
    torch.manual_seed(1)
    first = impl()
    torch.manual_seed(2)
    second = impl()
    if first is second:
        raise CheckFailure("two calls returned the same module object (a cache?), so both "
                           "users would share one set of weights: build a new module in every "
                           "call")
    if all(torch.equal(a, b) for a, b in zip(first.parameters(), second.parameters())):
        raise CheckFailure("two calls under different random seeds gave identical weights: "
                           "your function seeds the random generator itself (torch.manual_seed"
                           "?), which also resets it for the caller; leave seeding to the "
                           "caller")


# --- ex3_6 and ex3_7: splitting and merging heads -------------------------------------------------

# (b, num_tokens, num_heads, head_dim), pairwise distinct
_HEAD_SHAPES = [(2, 5, 3, 4), (3, 7, 2, 5), (1, 6, 4, 2)]  # a batch of one last


def _example(b, num_tokens, d_out):
    return torch.arange(b * num_tokens * d_out, dtype=torch.float32).view(b, num_tokens, d_out)


def _check_negative_numbers(impl, merge=False):
    """Negative, fractional numbers move like any other (elsewhere all are whole and >= 0)."""
    x = _example(2, 5, 12) - 60.25  # -60.25 .. 58.75: negative, and not whole numbers
    heads = x.view(2, 5, 3, 4).transpose(1, 2).contiguous()
    given, expected = (heads, x) if merge else (x, heads)
    what = ("merging heads of shape (2, 3, 5, 4)" if merge else "(2, 5, 12) split into 3 "
            "heads") + " holding negative numbers"
    got = _tensor(call_answer(impl, (given.clone(),) if merge else (given.clone(), 3), what),
                  what, tuple(expected.shape))
    if got.shape == expected.shape and torch.equal(got, expected):
        return
    job = "merging" if merge else "splitting"
    for changed, cause in ((expected.clamp(min=0), "every negative number came back as 0 (a "
                            "ReLU, or a clamp(min=0))"),
                           (expected.abs(), "every negative number lost its sign (abs)"),
                           *((getattr(expected, f)(), f"every number was rounded to a whole "
                              f"number ({f}" + (", or a round trip through an integer dtype"
                                                if f == "trunc" else "") + ")")
                             for f in ("round", "trunc", "floor", "ceil"))):
        if got.shape == expected.shape and torch.equal(got, changed):
            raise CheckFailure(f"{what}: {cause}, while the whole numbers >= 0 of the "
                               f"other cases come out right; {job} "
                               "only moves numbers, with nothing applied to them")
    assert_close(got, expected, what=what, atol=1e-6)


def _fixed_heads_hint(impl, x, num_heads):
    """A hint when ``impl`` splits ``x`` right for some other head count but not ``num_heads``:
    the head count is fixed somewhere in the code."""
    b, t, d_out = x.shape
    for other in range(2, d_out // 2 + 1):  # head_dim >= 2, so the head order shows
        if other == num_heads or d_out % other:
            continue
        try:
            got = impl(x.clone(), other)
        except Exception:  # this head count fails too: no evidence
            continue
        want = x.view(b, t, other, d_out // other).transpose(1, 2)
        if isinstance(got, torch.Tensor) and got.shape == want.shape and torch.equal(got, want):
            w, hd = d_out // other, d_out // num_heads
            mine = _try_call(impl, x.clone(), num_heads)
            right = x.view(b, t, num_heads, hd).transpose(1, 2)
            if (isinstance(mine, torch.Tensor) and w < hd
                    and mine.shape == right[..., :w].shape and torch.equal(mine, right[..., :w])):
                return (f"Your code splits right for num_heads={other} (head_dim {w}) but for "
                        f"num_heads={num_heads} each of its {num_heads} heads holds only the "
                        f"first {w} of its head_dim = {d_out} // {num_heads} = {hd} features: "
                        f"the number of heads is right, a head SIZE of {w} is fixed in your "
                        f"code (a slice end such as h * head_dim + {w}?); every head takes "
                        "features h * head_dim to (h + 1) * head_dim")
            return (f"Your code splits right for num_heads={other} but not for "
                    f"num_heads={num_heads}: a head count is fixed in it (d_out // {other}?); "
                    "use head_dim = d_out // num_heads")
    return ""


def _batch_of_one_hint(impl, x, num_heads):
    """A hint when ``impl`` splits the first sequence of ``x`` alone (a batch of one) right but
    fails or errs on the whole batch: the code assumes a batch of one, else ""."""
    b, t, d_out = x.shape
    if b == 1:
        return ""
    one = x[:1].clone()
    got = _try_call(impl, one, num_heads)
    want = one.view(1, t, num_heads, d_out // num_heads).transpose(1, 2)
    if not (isinstance(got, torch.Tensor) and got.shape == want.shape and torch.equal(got, want)):
        return ""
    return (f"Your code splits a batch of one right (x[:1] gives the expected heads) but not "
            f"this batch of b = {b}: it drops or fixes the batch dimension (a view(num_tokens, "
            "num_heads, head_dim) without b and an unsqueeze(0), or x[0]?); keep every "
            "sequence: b, num_tokens, d_out = x.shape, then x.view(b, num_tokens, num_heads, "
            "head_dim).transpose(1, 2)")


def _head_size_note(got, x, hd):
    """The note when ``got`` holds consecutive pieces of x's features of a size other than
    ``hd`` (a head size computed another way), else ""."""
    b, t, d_out = x.shape
    if got.dim() != 4 or got.shape[0] != b or got.shape[2] != t or got.shape[3] in (0, hd):
        return ""
    n, w = got.shape[1], got.shape[3]
    if n * w > d_out or not torch.equal(got, x[..., :n * w].view(b, t, n, w).transpose(1, 2)):
        return ""
    why = ("one more than head_dim: a division that rounds up past it, such as (d_out + "
           "num_heads) // num_heads?" if w == hd + 1 else
           f"{w} = d_out // {d_out // w}?" if d_out % w == 0 else "how is it computed?")
    return (f"your heads are {n} consecutive pieces of {w} features each, so your head size is "
            f"{w}, not head_dim = d_out // num_heads = {d_out} // {d_out // hd} = {hd} ({why}); "
            "with the right head size there are num_heads pieces and none is left over; ")


def _try_call(func, *args):
    """``func(*args)``, or None when it fails."""
    try:
        return func(*args)
    except Exception:  # noqa: BLE001 - a crash here is no evidence
        return None


def check_split_heads(impl):
    # each shape is a case of its own: a failure that only a freshly loaded copy avoids is
    # named as state kept between calls
    check_cases(state_probed(impl, [
        *((f"case {i + 1}", lambda a, s=shape: _check_split_shape(a, *s))
          for i, shape in enumerate(_HEAD_SHAPES)),
        ("one head, heads of one feature, float64, half, int64 and a non-contiguous input",
         _check_split_edge_cases),
        ("results kept between calls", lambda a: _check_not_reused(a, merge=False)),
        ("negative numbers", _check_negative_numbers),
        ("as on a machine with a GPU", lambda a: _check_not_moved_to_gpu(
            a, (_example(2, 5, 6), 3), "splitting x of shape (2, 5, 6) into 3 heads",
            cause=_GPU_MOVE, mps=True)),
    ], probe_first=False))


def _check_split_shape(impl, b, t, h, hd):
    """x of one shape splits into its heads; the messages name the mistake that explains them."""
    import itertools

    x = _example(b, t, h * hd)
    what = f"({b}, {t}, {h * hd}) split into {h} heads"
    try:
        got = call_answer(impl, (x.clone(), h), what, [
            (f"shape '[{b}, {h * hd}, {h}, ",
             f"The view's second size is {h * hd}, d_out, where num_tokens ({t}) belongs: "
             "you unpacked x.shape in the wrong order (b, d_out, num_tokens = x.shape?); "
             "x is (b, num_tokens, d_out)."),
            (f"but got [{b}, {t}, ", f"Your pieces keep all {t} tokens, so they cut the "
             "features, but not all into head_dim = d_out // num_heads = "
             f"{h * hd} // {h} = {hd} features (see the sizes above): a slice end one past "
             "(h + 1) * head_dim (the end is excluded already), or a start one after "
             "h * head_dim? Head h is x[..., h * head_dim:(h + 1) * head_dim]."),
            ("stack expects each tensor to be equal size",
             "You cut the tokens (dim 1) into num_heads pieces; the heads split the "
             "features, the last dimension, into pieces of head_dim."),
            (f"shape '[{b}, {t}, {h}, 0]' is invalid", "Your head size is 0: a division "
             "that rounds down to 0, such as num_heads // d_out (the operands swapped); "
             f"head_dim = d_out // num_heads = {h * hd} // {h} = {hd}."),
            ("but got float", "head_dim = d_out / num_heads is a float, and view needs "
             "whole numbers: use integer division, d_out // num_heads."),
            *(((", 64]' is invalid", "Your view's last size is 64, a head size fixed in "
                "your code (GPT-2's 64?); compute it from the input, head_dim = d_out // "
                f"num_heads = {h * hd} // {h} = {hd}."),) if hd != 64 else ()),
            ("to the size of dim 1 (", "You unflattened dim 1, the tokens; the features "
             "are the last dimension: x.unflatten(-1, (num_heads, head_dim)), then "
             "transpose(1, 2)."),
            ("to the size of dim 0 (", "You unflattened dim 0, the batch; the features "
             "are the last dimension: x.unflatten(-1, (num_heads, head_dim)), then "
             "transpose(1, 2)."),
            *(((f"shape '[{b}, {t}, {h}, {t}]' is invalid", f"Your view's last size is {t}, "
                f"num_tokens (x.shape[1]); the head size is head_dim = d_out // num_heads = "
                f"{h * hd} // {h} = {hd}, from the last dimension of x."),
               (f"shape '[{b}, {t}, {h}, {hd + 1}]' is invalid", f"Your view's last size is "
                f"{hd + 1}, one more than head_dim = d_out // num_heads = {h * hd} // {h} = "
                f"{hd} (an off-by-one, such as head_dim + 1?).")) if t != hd + 1 else ()),
            *(((f"shape '[1, {t}, {h}, {hd}]' is invalid", "Your view fixes the batch size "
                "to 1: take it from the input, b, num_tokens, d_out = x.shape."),)
              if b != 1 else ())])
    except CheckFailure as err:
        if t == hd + 1 and f"shape '[{b}, {t}, {h}, {t}]' is invalid" in str(err):
            # num_tokens or head_dim + 1 as the head size: a shape where they differ decides
            try:
                impl(_example(2, 7, 12), 3)
                seen = ""
            except Exception as probe_err:  # noqa: BLE001 - its text is the evidence
                seen = str(probe_err)
            reading = ("num_tokens (x.shape[1])" if "'[2, 7, 3, 7]' is invalid" in seen else
                       "one more than head_dim (an off-by-one, such as head_dim + 1?)"
                       if "'[2, 7, 3, 5]' is invalid" in seen else "")
            if reading:
                raise CheckFailure(
                    f"{str(err).rstrip()} Your view's last size is {t}, {reading}: for x of "
                    "shape (2, 7, 12) and 3 heads it is "
                    f"{7 if reading.startswith('num_tokens') else 5}; the head size is "
                    f"head_dim = d_out // num_heads = {h * hd} // {h} = {hd}, from the last "
                    "dimension of x.") from err
        if t // h not in (0, hd, hd + 1, t, h) and \
                f"shape '[{b}, {t}, {h}, {t // h}]' is invalid" in str(err):
            # a head size of num_tokens // num_heads (x.shape[1] read for d_out): a shape
            # where that reading gives yet another size decides (2, not b, h or head_dim 4)
            try:
                impl(_example(2, 8, 12), 3)
                seen = ""
            except Exception as probe_err:  # noqa: BLE001 - its text is the evidence
                seen = str(probe_err)
            if "shape '[2, 8, 3, 2]' is invalid" in seen:
                raise CheckFailure(
                    f"{str(err).rstrip()} Your head size is {t // h} = num_tokens // "
                    f"num_heads = {t} // {h} (for x of shape (2, 8, 12) and 3 heads it is 8 // "
                    "3 = 2): it comes from x.shape[1], the tokens; head_dim = d_out // "
                    f"num_heads = {h * hd} // {h} = {hd}, with d_out = x.shape[-1], the "
                    "features.") from err
        hint = _fixed_heads_hint(impl, x, h) or (
            "" if "the batch" in str(err) else _batch_of_one_hint(impl, x, h))
        raise CheckFailure(f"{err} {hint}".rstrip()) from err
    got = _same_device(_tensor(got, what, (b, h, t, hd)), x, what)
    expected = x.view(b, t, h, hd).transpose(1, 2)
    if got.shape == expected.shape and torch.equal(got, expected):
        return
    fixed = _fixed_heads_hint(impl, x, h)
    if fixed:
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}, expected "
                           f"{(b, h, t, hd)} with other values. {fixed}")
    order = next((p for p in itertools.permutations(range(4))
                  if got.shape == x.view(b, t, h, hd).permute(p).shape
                  and torch.equal(got, x.view(b, t, h, hd).permute(p))), None)
    if order is not None:
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}: you put the dimensions "
                           f"of (b, num_tokens, num_heads, head_dim) in the order {order}; "
                           "after that view, swap only dims 1 and 2 (transpose(1, 2)) to get "
                           f"(b, num_heads, num_tokens, head_dim) = {(b, h, t, hd)}")
    pieces = torch.stack(x.split(h, dim=-1), dim=1) if (h * hd) % h == 0 else None
    if pieces is not None and got.shape == pieces.shape and torch.equal(got, pieces):
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}: x.split(num_heads), "
                           "or a view with num_heads as the last size (view(b, num_tokens, "
                           "-1, num_heads)), makes pieces of size num_heads; num_heads is "
                           "the number of pieces: split into pieces of size "
                           "head_dim (x.split(head_dim, dim=-1)) or use view + transpose")
    order = next((p for p in itertools.permutations(range(4))
                  if got.shape == x.view(b, t, hd, h).permute(p).shape
                  and torch.equal(got, x.view(b, t, hd, h).permute(p))), None)
    if order is not None:
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}: the heads' features are "
                           "interleaved, and the dimensions reordered: you viewed as (b, "
                           "num_tokens, head_dim, num_heads), so head 0 gets features 0, "
                           f"{h}, {2 * h}, ..., then put the dimensions in the order "
                           f"{order}; view as (b, num_tokens, num_heads, head_dim), then "
                           f"transpose(1, 2), giving {(b, h, t, hd)}")
    w = got.shape[-1] if got.dim() == 4 else None
    if got.shape == (b, h, t, w) and w == h != hd and torch.equal(
            got, torch.stack([x[..., i * hd:i * hd + w] for i in range(h)], dim=1)):
        # heads that start right but are num_heads wide; num_heads = head_dim - 1 here looks
        # like a slice that stops one short, so a shape where the two differ decides
        probe = _try_call(impl, _example(2, 5, 12), 2) if w == hd - 1 else got
        if isinstance(probe, torch.Tensor) and (probe is got or probe.shape == (2, 2, 5, 2)):
            raise CheckFailure(
                f"{what} gave shape {tuple(got.shape)}, expected {(b, h, t, hd)}: each head "
                f"starts at h * head_dim but holds num_heads = {h} features instead of head_dim "
                f"= {hd}" + (" (for x of shape (2, 5, 12) and 2 heads, head_dim 6, your heads "
                             "hold 2 features)" if probe is not got else "") +
                ": your slice ends at h * head_dim + num_heads; head h is x[..., h * head_dim:"
                "(h + 1) * head_dim]")
    if got.shape != expected.shape:
        squeezed = ("you dropped the batch dimension of size 1 (squeeze?); keep it: "
                    if got.shape == expected.shape[1:] else
                    f"each head holds {hd - 1} features, one short of head_dim = {hd}: a "
                    "Python slice leaves out its end, so x[..., h * head_dim:(h + 1) * "
                    "head_dim - 1] drops the last feature of every head; the end of the "
                    "slice is (h + 1) * head_dim; " if got.shape == (b, h, t, hd - 1) else
                    f"dim 1 holds d_out - head_dim + 1 = {h * hd} - {hd} + 1 = "
                    f"{h * hd - hd + 1} overlapping windows of head_dim features, one "
                    "starting at every feature (unfold(-1, head_dim, 1): a step of 1); "
                    "the heads do not overlap: step by head_dim, unfold(-1, head_dim, "
                    "head_dim), or view(b, num_tokens, num_heads, head_dim); "
                    if h > 1 and got.shape == (b, h * hd - hd + 1, t, hd) else
                    f"each head holds {t // h} features = num_tokens // num_heads = {t} // "
                    f"{h}: your head size comes from the tokens (x.shape[1]); head_dim = "
                    f"d_out // num_heads = {h * hd} // {h}, from the last dimension; "
                    if got.shape == (b, h, t, t // h) and t // h != hd else
                    f"{h - 1} heads, one fewer than num_heads = {h}" + (
                        f", and they are heads 0 to {h - 2}: the last head is missing (a "
                        "range(num_heads - 1), or a slice that stops one head early?); "
                        "every head from 0 to num_heads - 1 belongs in the result; "
                        if torch.equal(got, expected[:, :-1]) else "; ")
                    if h > 1 and got.shape == (b, h - 1, t, hd) else
                    _head_size_note(got, x, hd))
        if not squeezed:
            squeezed = _batch_of_one_hint(impl, x, h)
            squeezed = squeezed and squeezed + "; "
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}; {squeezed}expected (b, "
                           f"num_heads, num_tokens, head_dim) = {(b, h, t, hd)}" + (
                               "" if squeezed else _sizes_named(
                                   got.shape, {"b": b, "num_tokens": t, "num_heads": h,
                                               "head_dim": hd},
                                   "(b, num_heads, num_tokens, head_dim)")))
    if torch.equal(got, x.transpose(1, 2).reshape(b, h, t, hd)):
        # the same numbers as a view to (b, t, h, hd), permuted to (b, h, hd, t), reshaped
        raise CheckFailure(f"{what}: your result reads the numbers feature by feature "
                           "(all tokens of feature 0, then of feature 1, ...) and cuts "
                           "them into (num_tokens, head_dim) blocks: the tokens were put "
                           "after the features before a reshape: either you transposed x "
                           "before splitting it (x.mT or x.transpose(1, 2) on the input), or "
                           "a permute to (b, num_heads, head_dim, num_tokens) after the "
                           "view (permute(0, 2, 3, 1), an einsum '...->bhdn') followed by "
                           "a reshape, which does not swap the last two dimensions back; "
                           "view as (b, num_tokens, num_heads, head_dim), then "
                           "transpose(1, 2)")
    if torch.equal(got, x.transpose(1, 2).reshape(b, t, h, hd).transpose(1, 2)):
        raise CheckFailure(f"{what}: you transposed x before splitting it (x.mT or "
                           "x.transpose(1, 2) on the input), which swaps "
                           "tokens and features; view as (b, num_tokens, num_heads, "
                           "head_dim) first, then transpose(1, 2)")
    if torch.equal(got, x.reshape(b, h, hd, t).transpose(2, 3)):
        raise CheckFailure(f"{what}: you reshaped x straight to (b, num_heads, head_dim, "
                           "num_tokens) and swapped the last two dimensions; a reshape "
                           "keeps the memory order (b, num_tokens, d_out), so that mixes "
                           "tokens and features: view as (b, num_tokens, num_heads, "
                           "head_dim) first, then transpose(1, 2)")
    if torch.equal(got, x.view(b, t, hd, h).permute(0, 3, 1, 2)):
        raise CheckFailure(f"{what}: the heads' features are interleaved (you viewed as "
                           "(b, num_tokens, head_dim, num_heads), so head 0 gets features "
                           f"0, {h}, {2 * h}, ...); each head holds a block of head_dim "
                           "neighbouring features: view as (b, num_tokens, num_heads, "
                           "head_dim), then transpose(1, 2)")
    if torch.equal(got, x.reshape(b * t, h, hd).transpose(0, 1).reshape(b, h, t, hd)):
        raise CheckFailure(f"{what}: you merged the batch and token dimensions (b * "
                           "num_tokens) and reshaped across them, or stacked the heads in "
                           "front of the batch (torch.stack(..., dim=0)) and reshaped; "
                           "either mixes the sequences of the batch; keep b apart: x.view("
                           "b, num_tokens, num_heads, head_dim).transpose(1, 2)")
    blocks = [x[:, :, hd * j:hd * (j + 1)] for j in range(h)]
    held = [next((j for j in range(h) if torch.equal(got[:, k], blocks[j])), None)
            for k in range(h)]
    for k in range(h):
        want = blocks[k]
        if torch.equal(got[:, k], want):
            continue
        if held == list(range(h))[::-1]:
            raise CheckFailure(f"{what}: your heads come in reverse order (head 0 holds "
                               f"features {hd * (h - 1)}..{hd * h - 1}, a flip of the "
                               "heads?); head h holds features h * head_dim to (h + 1) * "
                               "head_dim - 1: view(b, num_tokens, num_heads, head_dim)"
                               ".transpose(1, 2), with no flip")
        if held[k] is not None:
            raise CheckFailure(f"{what}: head {k} holds features {hd * held[k]}.."
                               f"{hd * held[k] + hd - 1}, the block of head {held[k]} (your "
                               f"heads are in the order {held}); head h holds features "
                               "h * head_dim to (h + 1) * head_dim - 1")
        straight = (" (your result is x viewed straight to (b, num_heads, num_tokens, "
                    "head_dim), which mixes tokens)"
                    if torch.equal(got, x.reshape(b, h, t, hd)) else "")
        starts = [next((s for s in range(h * hd - hd + 1)
                        if torch.equal(got[:, j], x[:, :, s:s + hd])), None) for j in range(h)]
        if not straight and None not in starts:
            raise CheckFailure(f"{what}: each head is a block of head_dim = {hd} "
                               f"neighbouring features, but your heads start at features "
                               f"{starts}, expected {[j * hd for j in range(h)]}" + (
                                   ": head h starts at feature h, so the heads overlap "
                                   "(x[..., h:h + head_dim]); start head h at h * head_dim,"
                                   " x[..., h * head_dim:(h + 1) * head_dim]"
                                   if starts == list(range(h)) else
                                   ": check where each head's slice starts; head h holds "
                                   "features h * head_dim to (h + 1) * head_dim - 1"))
        if not straight and got.shape == (b, h, t, hd):
            right = x.view(b, t, h, hd).transpose(1, 2)
            zero = [j for j in range(h) if not bool(got[:, j].any())]
            if zero and all(torch.equal(got[:, j], right[:, j])
                            for j in range(h) if j not in zero):
                raise CheckFailure(
                    f"{what}: head(s) {zero} of {h} hold only zeros, as if never written, "
                    "while every other head is right" + (
                        " (a loop over the heads that starts at 1, range(1, num_heads)?)"
                        if zero == [0] else
                        " (a loop over the heads that stops early?)"
                        if zero == list(range(h - len(zero), h)) else "")
                    + "; every head from 0 to num_heads - 1 gets its features: view as "
                    "(b, num_tokens, num_heads, head_dim), then transpose(1, 2)")
            i, hh, tt, d = (int(v) for v in (got != right).nonzero()[0])
            nz = right != 0
            ratio = got[nz] / right[nz] if got.is_floating_point() else None
            found = ((x == got[i, hh, tt, d]).nonzero() if torch.equal(
                got.flatten().sort().values, x.flatten().sort().values) else [])
            straight = (
                f"; every number is the right one times {float(ratio[0]):.4g}" + (
                    f" = 1 / sqrt(head_dim) = 1 / sqrt({hd}): you divided the heads by the "
                    "attention scale, which belongs to the scores (queries @ keys "
                    "transposed), not to the split" if abs(float(ratio[0]) * hd ** 0.5 - 1)
                    < 1e-5 and hd > 1 else "") + ": splitting "
                "only moves numbers, with no scaling" if ratio is not None and bool(
                    torch.isfinite(ratio).all()) and float((ratio - ratio[0]).abs().max())
                < 1e-5 and bool((got[~nz] == 0).all()) else
                f"; the first wrong entry, number {d} of head {hh} for token {tt} of "
                f"sequence {i}, is the input's feature {int(found[0, 2])} of token "
                f"{int(found[0, 1])}" + (f" of sequence {int(found[0, 0])}" if b > 1 else "")
                + f", expected its feature {hh * hd + d} of token {tt}" if len(found) else
                f"; the first wrong entry, number {d} of head {hh} for token {tt} of "
                f"sequence {i}, is {float(got[i, hh, tt, d]):.4g}" + (
                    " (a number that is not in the input: arithmetic on it?)"
                    if not bool((x == got[i, hh, tt, d]).any()) else
                    " (the input's feature {} of token {}{}: some input numbers are repeated "
                    "or left out)".format(
                        *(int(v) for v in (x == got[i, hh, tt, d]).nonzero()[0, [2, 1]]),
                        f" of sequence {int((x == got[i, hh, tt, d]).nonzero()[0, 0])}"
                        if b > 1 else "")) + f", expected {float(right[i, hh, tt, d]):.4g}")
        relation = ""
        if got.shape == (b, h, t, hd) and "right one times" not in straight:
            right = x.view(b, t, h, hd).transpose(1, 2)
            relation = describe_difference(got, right)
            wrong = got != right
            if bool((got[wrong] == 0).all()):  # zeros where numbers belong: never written
                relation = (f"Every wrong entry ({int(wrong.sum())} of {got.numel()}) is 0, "
                            "as if never written: a buffer from torch.zeros filled by a slice "
                            "or loop that stops short (such as :head_dim - 1)? " + relation)
            moved = {a: next((c for c in range(t) if torch.equal(got[:, :, a], right[:, :, c])),
                             None)
                     for a in range(t) if not torch.equal(got[:, :, a], right[:, :, a])}
            vague = not relation or "differ" in relation.split(":", 1)[-1][:25]
            if vague and moved and None not in moved.values():  # tokens in another's place
                relation = ("Whole tokens are moved or repeated: " + ", ".join(
                    f"token {a} holds token {c}'s heads" for a, c in moved.items())
                    + " (the tokens indexed, rolled or overwritten after the split?); a split "
                    "keeps every token in its place.")
            elif vague:
                per_head = [(j, describe_difference(got[:, j], right[:, j]))
                            for j in range(h) if not torch.equal(got[:, j], right[:, j])]
                relation = " ".join(f"Head {j}: {text[len('What differs: '):]}"
                                    if text.startswith("What differs: ") else
                                    f"Head {j}: {text}" for j, text in per_head if text)
        raise CheckFailure(f"{what}: head {k} should hold features {hd * k}.."
                           f"{hd * k + hd - 1} of every token (max difference "
                           f"{_max_diff(got[:, k], want):.0f}){straight}. "
                           + (f"{relation} " if relation else "") + "View as (b, "
                           "num_tokens, num_heads, head_dim) first, then transpose(1, 2)")



def _check_split_edge_cases(impl):
    """One head (the whole vector is head 0), float64, half and int64 input (the dtype is kept)."""
    x = _example(2, 5, 6)
    what = "(2, 5, 6) split into 1 head (num_heads=1)"
    got = _tensor(call_answer(impl, (x.clone(), 1), what), what, (2, 1, 5, 6))
    if got.shape != (2, 1, 5, 6):
        same = (" (x itself: a shortcut for one head that skips the split? the heads "
                "dimension must be there even for one head)" if torch.equal(got, x) else "")
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}{same}; expected (b, "
                           "num_heads, num_tokens, head_dim) = (2, 1, 5, 6)")
    assert_close(got, x.unsqueeze(1), what=f"the heads for {what}", atol=0.0,
                 hint="With one head, head 0 holds every feature of every token: "
                 "x.view(b, num_tokens, 1, d_out).transpose(1, 2).")
    x = _example(2, 5, 4)
    what = "(2, 5, 4) split into 4 heads of one feature each (num_heads = d_out, head_dim=1)"
    got = _tensor(call_answer(impl, (x.clone(), 4), what), what, (2, 4, 5, 1))
    if got.shape != (2, 4, 5, 1):
        lost = (" (the last dimension, head_dim = 1, is gone: a .squeeze() or squeeze(-1) "
                "that drops it when each head holds one feature; keep it)"
                if got.shape == (2, 4, 5) else "")
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}{lost}; expected (b, "
                           "num_heads, num_tokens, head_dim) = (2, 4, 5, 1)")
    assert_close(got, x.view(2, 5, 4, 1).transpose(1, 2), what=f"the heads for {what}",
                 atol=0.0)
    x64 = _example(2, 5, 6).double()
    what = "(2, 5, 6) float64 split into 3 heads"
    got = _tensor(call_answer(impl, (x64.clone(), 3), what), what, (2, 3, 5, 2))
    if got.dtype != torch.float64:
        raise CheckFailure(f"{what}: your heads are {got.dtype}; a split only moves numbers "
                           "around: keep x's dtype (no .float() or dtype=, and a buffer from "
                           "torch.zeros/empty filled in a loop needs dtype=x.dtype)")
    x_int = _example(2, 5, 6).long()
    what = "(2, 5, 6) int64 split into 3 heads"
    got = _tensor(call_answer(impl, (x_int.clone(), 3), what), what, (2, 3, 5, 2))
    if got.dtype != torch.int64:
        raise CheckFailure(f"{what}: your heads are {got.dtype}, while float64 heads keep "
                           "float64: an arithmetic step turned the integers into floats (x * "
                           "1.0, x / 1, or x + 0.0 to make a copy?); a split only moves numbers "
                           "around: use view/transpose (or .clone() for a copy), which keep any "
                           "dtype")
    _check_half_kept(impl, lambda half: ((_example(2, 5, 6).to(half), 3), _example(2, 5, 6)
                                         .to(half).view(2, 5, 3, 2).transpose(1, 2)),
                     "(2, 5, 6) {} split into 3 heads")
    _check_keeps_autograd(impl, (_example(2, 5, 6).requires_grad_(True), 3),
                          "splitting x of shape (2, 5, 6) that requires gradients into 3 heads")
    _check_stays_on_device(impl, (torch.zeros(2, 5, 6, device="meta"), 3),
                           "(2, 5, 6) on the 'meta' device split into 3 heads")
    strided = _example(2, 12, 5).transpose(1, 2)  # (2, 5, 12), stored feature by feature
    what = "(2, 5, 12) that is a transposed view (not contiguous in memory) split into 3 heads"
    got = _tensor(call_answer(impl, (strided, 3), what, [
        ("view size is not compatible", "Contiguous inputs work: your code flattens or joins "
         "dimensions with .view, which needs contiguous memory; split only the last dimension, "
         "x.view(b, num_tokens, num_heads, head_dim), or use .reshape.")]), what, (2, 3, 5, 4))
    layout = _close(_try_call(impl, strided.contiguous(), 3),
                    strided.reshape(2, 5, 3, 4).transpose(1, 2), 0.0)
    assert_close(got, strided.reshape(2, 5, 3, 4).transpose(1, 2), what=f"the heads for {what}",
                 atol=0.0, hint="The same x made contiguous (.contiguous()) gives the right "
                 "heads: your code reads x's memory layout (as_strided with strides worked "
                 "out for a contiguous x, .storage(), data_ptr) instead of its indices; use "
                 "view, reshape and transpose, which follow x's strides." if layout else None)
    x1 = _example(2, 1, 6).double()  # one token, float64: a shortcut for one token shows
    what = "(2, 1, 6) float64 with one token split into 3 heads"
    got = _tensor(call_answer(impl, (x1.clone(), 3), what), what, (2, 3, 1, 2))
    if got.shape != (2, 3, 1, 2) or got.dtype != torch.float64:
        raise CheckFailure(f"{what} gave {got.dtype} heads of shape {tuple(got.shape)}, "
                           "expected float64 of shape (2, 3, 1, 2), while 5 tokens split right: "
                           "a step of your code treats a single token differently (a shortcut "
                           "for one token, a .float() or a squeeze there?); split one token as "
                           "any other: x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)")
    assert_close(got, x1.view(2, 1, 3, 2).transpose(1, 2), what=f"the heads for {what}",
                 atol=0.0)


def _check_stays_on_device(impl, args, what, cause=None):
    """Results live on the model's device: a result made with torch.empty/zeros and filled in
    must be made on the input's device (checked on the stand-in 'meta' device, where CPU inputs
    pass). ``cause`` replaces the heads' wording of the usual cause."""
    cause = cause or ("CPU inputs pass, so a tensor your code creates lands on the CPU: "
                      "torch.empty/zeros(...) without device=x.device (or a CPU-only step); "
                      "build the result from x with view/transpose/reshape/cat, or create it "
                      "with device=x.device, or the code fails on a GPU")
    try:
        got = call_answer(impl, args, what, [(NotImplementedError, cause), ("device", cause)])
    except CheckFailure as err:
        step = _copy_out_step(impl, str(err))
        if step is None:
            raise
        if step in ("to", "cuda", "get_device"):
            raise CheckFailure(str(err).replace(cause, (
                f"CPU inputs pass, and that line moves tensors with .{step}(...) to a device "
                "your code picks (here the CPU; 'cuda' when torch.cuda.is_available(), or "
                "get_device(), on a machine with a GPU), away from the inputs' device: the "
                f"result must stay where the inputs are, on any machine; drop the .{step}(...)"
                " (whoever calls the function moves the model and its inputs together)"))) \
                from err
        raise CheckFailure(str(err).replace(cause, (
            f"CPU inputs pass, and that line calls .{step}(), which copies the numbers out of "
            "the tensor (to the CPU, NumPy or Python): on a GPU the result would leave the "
            f"inputs' device (or the step fails); drop the .{step}() and keep every step a "
            "tensor operation on the inputs' device (print a copy outside the function "
            "instead)"))) from err
    if not isinstance(got, torch.Tensor) or got.device.type != "meta":
        where = got.device if isinstance(got, torch.Tensor) else type(got).__name__
        raise CheckFailure(f"{what}: your result is on {where}, not on 'meta' where the input "
                           f"is; {cause}")


def _copy_out_step(impl, message):
    """The copying-out call (cpu, numpy, tolist or item), or else the move to another device
    (to, cuda or get_device), on the learner's line that a 'Cannot copy out of meta tensor'
    crash names, else None."""
    line = re.search(r"\(line (\d+) of ", message)
    if "copy out of meta" not in message or line is None:
        return None
    lines = (answer_source(impl) or "").splitlines()
    number = int(line.group(1))
    step = re.search(r"\.(cpu|numpy|tolist|item)\(", lines[number - 1]) \
        if number <= len(lines) else None
    if step is None and number <= len(lines):  # a move to a device of the code's choosing
        step = re.search(r"(?:\.(to|cuda)|(get_device))\(", lines[number - 1])
        return next(g for g in step.groups() if g) if step else None
    return step.group(1) if step else None


def _check_half_kept(impl, args_of, what):
    """float16 and bfloat16 inputs keep their dtype (asked once float64 input has passed): a cast
    that only half-precision input meets (a .float() "for safety") shows here. ``args_of(dtype)``
    gives the call's arguments and the right result."""
    for half in (torch.bfloat16, torch.float16):
        args, right = args_of(half)
        where = what.format(str(half).removeprefix("torch."))
        got = _tensor(call_answer(impl, args, where, [
            ("unsupported ScalarType", "NumPy has no bfloat16: your code goes through NumPy "
             "(.numpy() and torch.from_numpy), which also cuts the result from autograd and "
             "only works on the CPU; use view, transpose or reshape on the tensor itself")]),
            where, tuple(right.shape))
        if got.dtype != half:
            raise CheckFailure(
                f"{where}: your result is {got.dtype}, while float64 input keeps float64: your "
                "code converts half-precision input (an `if x.dtype in (torch.float16, "
                "torch.bfloat16): x = x.float()`, or .float() on such input?); moving numbers "
                "between heads is exact in every dtype: keep the input's dtype")
        assert_close(got, right, what=f"the result for {where}", atol=0.0)


def _check_keeps_autograd(impl, args, what):
    """Splits and merges sit inside a trained model: gradients must flow back through them."""
    got = _tensor(call_answer(impl, args, what), what)
    if got.is_inference():
        raise CheckFailure(f"{what}: your result is an inference tensor (made under "
                           "torch.inference_mode()), so it has no grad_fn and training could "
                           "not reach the projections before it; inference_mode is for "
                           "evaluation code that calls the model, not for a step inside it: "
                           "leave it out, view, transpose, reshape and cat keep the graph")
    if not got.requires_grad:  # a tensor cached from an earlier call: state_probed names it
        raise CheckFailure(f"{what}: your result does not require gradients (its grad_fn is "
                           "None), so training could not reach the projections before it: "
                           "something cut it from autograd (.detach(), .data, torch.no_grad(),"
                           " torch.inference_mode(), or a new tensor built with torch.tensor or "
                           "NumPy); tensor operations such as view, transpose, reshape or cat "
                           "keep the graph")


def _fixed_merge_hint(impl, b, t, h, hd):
    """A hint when ``impl`` merges right for another head count than ``h`` (and fails on
    ``h``): the head count is fixed somewhere in the code, or kept from an earlier call."""
    heads = _example(b, t, h * hd).view(b, t, h, hd).transpose(1, 2).contiguous()
    if _right_when_merged_first(impl, heads):
        return ("A freshly loaded copy of your file merges these heads right when they come "
                "first: your code keeps a size from an earlier call (a global, a cache or a "
                "default argument holding num_heads, head_dim or d_out); read b, num_heads, "
                "num_tokens, head_dim = context_vec.shape in every call")
    for other in range(2, 7):  # one head merges right under many mistakes: no evidence
        if other == h:
            continue
        x = _example(b, t, other * hd)
        got = _try_call(impl, x.view(b, t, other, hd).transpose(1, 2).contiguous())
        if isinstance(got, torch.Tensor) and got.shape == x.shape and torch.equal(got, x):
            return (f"Your code merges {other} heads of head_dim {hd} right, but not {h}: a "
                    f"head count of {other} is fixed in it (head_dim * {other}?); read "
                    "num_heads from the input, b, num_heads, num_tokens, head_dim = "
                    "context_vec.shape")
    for size in range(2, 7):  # the same head count with another head size (not 1, see above)
        if size == hd:
            continue
        right = []
        for tokens in (t, t + 1):  # a size read from num_tokens fits one token count only
            x = _example(b, tokens, h * size)
            got = _try_call(impl, x.view(b, tokens, h, size).transpose(1, 2).contiguous())
            right.append(isinstance(got, torch.Tensor) and got.shape == x.shape
                         and torch.equal(got, x))
        if all(right):
            return (f"Your code merges {h} heads of head_dim {size} right, but not of head_dim "
                    f"{hd}: a head size of {size} is fixed in it (num_heads * {size}?); read "
                    "head_dim from the input, b, num_heads, num_tokens, head_dim = "
                    "context_vec.shape")
    return ""


def _merges_by_split(impl):
    """Whether ``impl`` merges like torch.cat(torch.split(heads, head_dim, dim=1), -1) on heads
    with more heads than numbers per head (where it does not give the heads back)."""
    heads = _example(2, 3, 4 * 2).view(2, 3, 4, 2).transpose(1, 2).contiguous()
    got = _try_call(impl, heads.clone())
    want = torch.cat(torch.split(heads, 2, dim=1), dim=-1)
    return isinstance(got, torch.Tensor) and got.shape == want.shape and torch.equal(got, want)


def _check_not_reused(impl, merge=True):
    """Each call returns a new tensor: a buffer kept between calls and filled in place
    changes the caller's earlier results (for merge_heads, or split_heads when not merge)."""
    x = _example(3, 4, 6)  # a shape no other case of ex3_6 or ex3_7 uses
    heads = x.view(3, 4, 2, 3).transpose(1, 2).contiguous()
    given, expected = (heads, x) if merge else (x, heads)
    args = (lambda t: (t,)) if merge else (lambda t: (t, 2))
    job, *fix = (("merging heads of shape (3, 2, 4, 3)", "merge the heads you are given",
                 "transpose(1, 2).contiguous().view(b, num_tokens, d_out)") if merge else
                ("splitting x of shape (3, 4, 6) into 2 heads", "split the x you are given",
                 "x.view(b, num_tokens, num_heads, head_dim).transpose(1, 2)"))
    what = f"{job}, then another input of the same shape"
    first = call_answer(impl, args(given.clone()), job)
    if not (isinstance(first, torch.Tensor) and torch.equal(first, expected)):
        return  # the other cases judge wrong results
    second = _try_call(impl, *args((-given).contiguous()))
    if isinstance(second, torch.Tensor) and torch.equal(second, expected):
        if not fresh_calls_right(impl, [(args((-given).contiguous()), lambda r: isinstance(
                r, torch.Tensor) and torch.equal(r, -expected))]):
            return  # a fresh copy fails too: no cache (an abs?); the negative case judges it
        raise CheckFailure(f"{what}: the second call gave the first call's result again: your "
                           "function returns a tensor kept from an earlier call (a cache keyed "
                           f"by the shape, a global or a default argument); {fix[0]} in every "
                           "call")
    if not torch.equal(first, expected):
        same = isinstance(second, torch.Tensor) and first.data_ptr() == second.data_ptr()
        raise CheckFailure(
            f"{what}: your first result changed after the second call" + (
                " and now holds the second call's numbers" if torch.equal(first, -expected)
                else "")
            + (" (both calls returned the same memory)" if same else "")
            + ": your function fills one tensor kept between calls (a buffer, a cache or a "
            "default argument) and returns it, so every caller's earlier result is "
            f"overwritten; return a new tensor in every call, {fix[1]}")
    # one tensor refilled in place and passed again (a buffer the caller reuses): a result
    # cached by the tensor object (functools.lru_cache hashes a tensor by its id) comes back
    # stale; the tensor stays alive here, so a cache can only hit on this very object
    buf = given.clone()
    _try_call(impl, *args(buf))
    buf.copy_(-given)
    again = _try_call(impl, *args(buf))
    if isinstance(again, torch.Tensor) and torch.equal(again, expected) and fresh_calls_right(
            impl, [(args((-given).contiguous()), lambda r: isinstance(r, torch.Tensor)
                    and torch.equal(r, -expected))]):
        raise CheckFailure(
            f"{job}, then the same tensor refilled in place with new numbers and passed "
            "again: the second call gave the first call's result, although a fresh copy of "
            "your file gets the new numbers right: your function returns a result kept for "
            "that tensor object (functools.lru_cache or functools.cache, or a dict keyed by "
            "the tensor or its id(), which stay the same while the numbers change); "
            f"{fix[0]} in every call")


def _right_when_merged_first(impl, heads):
    """Whether a freshly loaded copy of the answer merges ``heads`` right (state kept)."""
    fresh = fresh_copy(impl)
    b, h, t, hd = heads.shape
    got = _try_call(fresh, heads.clone()) if fresh is not None else None
    return isinstance(got, torch.Tensor) and got.shape == (b, t, h * hd) and torch.equal(
        got, heads.transpose(1, 2).reshape(b, t, h * hd))


def _check_merge_dtype(impl):
    """float64 heads merge to float64: merging only moves numbers around."""
    heads = _example(2, 5, 6).double().view(2, 5, 3, 2).transpose(1, 2).contiguous()
    what = "merging float64 heads of shape (2, 3, 5, 2)"
    got = _tensor(call_answer(impl, (heads,), what), what, (2, 5, 6))
    single = _try_call(impl, heads.float())
    single = single.dtype if isinstance(single, torch.Tensor) else None
    if got.dtype != torch.float64:
        raise CheckFailure(f"{what}: your result is {got.dtype}" + (
            ", float32 heads pass: a .float(), or a tensor made with the default dtype, "
            "changed it" if got.dtype == torch.float32 else
            f" (float32 heads come back {single}): a conversion in your code, "
            f".to({got.dtype}) or " + {torch.float16: ".half()", torch.bfloat16: ".bfloat16()"}
            .get(got.dtype, "a dtype= argument") + ", changed it")
            + "; merging only moves numbers around: keep the heads' dtype")
    if single is not None and single != torch.float32:
        raise CheckFailure(f"merging float32 heads of shape (2, 3, 5, 2): your result is {single}"
                           " (float64 heads pass): a conversion in your code (.double(), .to("
                           f"{single}) or a dtype= argument) changed it; merging only moves "
                           "numbers around: keep the heads' dtype")
    _check_half_kept(impl, lambda half: ((_example(2, 5, 6).to(half).view(2, 5, 3, 2)
                                          .transpose(1, 2).contiguous(),),
                                         _example(2, 5, 6).to(half)),
                     "merging {} heads of shape (2, 3, 5, 2)")
    _check_keeps_autograd(impl, (_example(2, 5, 6).view(2, 5, 3, 2).transpose(1, 2)
                                 .contiguous().requires_grad_(True),),
                          "merging heads of shape (2, 3, 5, 2) that require gradients")
    _check_stays_on_device(impl, (torch.zeros(2, 3, 5, 2, device="meta"),),
                           "merging heads of shape (2, 3, 5, 2) on the 'meta' device")


def _check_merge_layout(impl):
    """Heads exactly as split_heads returns them, a transposed view (the docstring's
    merge_heads(split_heads(x, n))): the result follows the values, not the memory layout."""
    x = _example(2, 5, 6)
    heads = x.view(2, 5, 3, 2).transpose(1, 2)  # not contiguous
    what = ("merging the heads that split_heads(x, 3) returns for x of shape (2, 5, 6), a "
            "transposed view (not contiguous in memory)")
    try:
        got = call_answer(impl, (heads,), what)
    except CheckFailure as err:
        line = re.search(r"\(line (\d+) of ", str(err))
        lines = (answer_source(impl) or "").splitlines()
        text = lines[int(line.group(1)) - 1] if line and int(line.group(1)) <= len(
            lines) else ""
        like = re.search(r"(empty|zeros|ones|full|rand|randn)_like", text)
        if not like or "view size is not compatible" not in str(err):
            raise
        raise CheckFailure(
            f"{what}: your code raised at line {line.group(1)}, `{text.strip()}`: contiguous "
            f"heads pass, but torch.{like.group(0)}(context_vec) keeps the heads' strides "
            "(a transposed layout), so the .view(b, num_tokens, d_out) of that buffer cannot "
            f"merge its dimensions; make the buffer with torch.{like.group(1)}(b, num_tokens, "
            "d_out, dtype=context_vec.dtype, device=context_vec.device), or build the result "
            "from the heads: transpose(1, 2).contiguous().view(b, num_tokens, d_out)") from err
    assert_close(_tensor(got, what, (2, 5, 6)), x, what=f"the result of {what}", atol=0.0,
                 hint="The same heads made contiguous merge right: your code reads the heads' "
                 "memory layout (strides, as_strided, .storage()) instead of their values.")


def _check_merge_one_token(impl):
    """float64 heads of a single token: the same merge as for any number of tokens."""
    one = _example(2, 1, 6).double().view(2, 1, 3, 2).transpose(1, 2)  # one token, float64
    what = "merging float64 heads of one token, shape (2, 3, 1, 2)"
    got = _tensor(call_answer(impl, (one.clone(),), what), what, (2, 1, 6))
    if got.shape != (2, 1, 6) or got.dtype != torch.float64:
        raise CheckFailure(f"{what}: your result is {got.dtype} of shape {tuple(got.shape)}, "
                           "expected float64 of shape (2, 1, 6), while 5 tokens merge right: a "
                           "step of your code treats a single token differently (a shortcut "
                           "for one token, rebuilt with torch.tensor(....tolist()) or a "
                           ".float(), or a squeeze?); merge one token as any other: "
                           "transpose(1, 2).contiguous().view(b, num_tokens, d_out)")
    assert_close(got, one.transpose(1, 2).reshape(2, 1, 6), what=f"the result of {what}",
                 atol=0.0)


def _slot_sources(got, merged, h, hd):
    """For features moved the same way in every token: what each head's slot holds, read as
    head numbers ("head 1's numbers in reverse order"), else ""."""
    if got.shape != merged.shape:
        return ""
    d = h * hd
    src = [next((g for g in range(d) if torch.equal(got[..., f], merged[..., g])), None)
           for f in range(d)]
    if None in src:
        return ""
    parts = []
    for k in range(h):
        slot = src[k * hd:(k + 1) * hd]
        heads = {g // hd for g in slot}
        own = [g % hd for g in slot]
        parts.append(f"head {k}'s slot holds " + (
            f"numbers {slot} of the merged vector (from heads {sorted(heads)})"
            if len(heads) > 1 else f"head {heads.pop()}'s numbers" + (
                "" if own == list(range(hd)) else " in reverse order"
                if own == list(range(hd))[::-1] else f" in the order {own}")))
    flipped = " (a flip of each head's vector, flip(-1)?)" if all(
        p.endswith("in reverse order") for p in parts) else ""
    return f". In every token, {'; '.join(parts)}{flipped}"


def _sizes_named(shape, sizes, target="(b, num_tokens, num_heads * head_dim)"):
    """Read each size of ``shape`` as one of ``sizes`` (a name -> int dict) or a product of two,
    to say where a wrong shape's dimensions came from ("" when one has no reading)."""
    import itertools

    names = {**{v: k for k, v in sizes.items()},
             **{sizes[a] * sizes[c]: f"{a} * {c}" for a, c in itertools.combinations(sizes, 2)
                if sizes[a] * sizes[c] not in sizes.values()}}
    if not shape or any(d not in names for d in shape):
        return ""
    return (f"; your shape reads as ({', '.join(names[d] for d in shape)}), with "
            f"{', '.join(f'{k} = {v}' for k, v in sizes.items())}: compare it with {target} "
            "to see which dimension was joined, split, moved or dropped")


def _check_merge_shape(impl, b, t, h, hd):
    """Heads of one shape merge back to the input they were split from."""
    import itertools

    x = _example(b, t, h * hd)
    # (b, num_heads, num_tokens, head_dim), laid out in memory as attn_weights @ values is
    heads = x.view(b, t, h, hd).transpose(1, 2).contiguous()
    what = f"merging heads of shape {(b, h, t, hd)}"
    sizes = {f"head_dim * head_dim = {hd} * {hd}": hd * hd,
             f"num_heads * num_heads = {h} * {h}": h * h,
             f"num_tokens * head_dim = {t} * {hd}": t * hd,
             f"num_heads * num_tokens = {h} * {t}": h * t,
             f"head_dim = {hd} alone": hd, f"num_heads = {h} alone": h,
             f"num_heads + head_dim = {h} + {hd} (a sum, not the product)": h + hd}
    try:
        got = call_answer(impl, (heads,), what, [
            ("leaf Variable that requires grad", "You wrote the heads in place into a tensor "
             "made with requires_grad=True (a leaf of its own), which autograd forbids; "
             "make that output buffer without requires_grad (the heads copied into it "
             "carry the gradient), or merge with transpose(1, 2) and a reshape."),
            ("view size is not compatible", "After transpose(1, 2) the tensor is not "
             "contiguous in memory: call .contiguous() before .view (or use .reshape)."),
            *((f"'[{b}, {t}, {size}]' is invalid",
               f"You viewed to (b, num_tokens, {size}) with the last size {name}; d_out "
               f"is num_heads * head_dim = {h} * {hd} = {h * hd}: view(b, num_tokens, "
               "num_heads * head_dim) after transpose(1, 2).contiguous()")
              for name, size in sizes.items() if size != h * hd),
            *((f"'[{b}, {size}, {h * hd}]' is invalid",
               f"You viewed to (b, {size}, d_out) with the token count {name}; num_tokens is "
               f"{t}, dim 2 of (b, num_heads, num_tokens, head_dim): b, num_heads, "
               "num_tokens, head_dim = context_vec.shape")
              for name, size in ((f"head_dim = {hd}", hd), (f"num_heads = {h}", h),
                                 (f"b = {b}", b)) if size != t)])
    except CheckFailure as err:
        if "You viewed to (b, " in str(err):  # the sizes already name the slip
            raise
        raise CheckFailure(f"{err} {_fixed_merge_hint(impl, b, t, h, hd)}".rstrip()) from err
    got = _same_device(_tensor(got, what, x.shape), x, what)
    if heads.shape != (b, h, t, hd):
        raise CheckFailure(f"{what}: your function changed the tensor it was given (now "
                           f"of shape {tuple(heads.shape)}; an in-place transpose_?); use "
                           "transpose(1, 2), which returns a new view")
    if got.shape != x.shape:
        ph, pg = heads, got  # evenly spaced heads: their mean equals the middle head
        if got.shape == (b, t, hd):  # so random heads tell one head from the mean
            rnd = torch.randn(b, h, t, hd, generator=torch.Generator().manual_seed(5))
            probe = _try_call(impl, rnd.clone())
            if isinstance(probe, torch.Tensor) and probe.shape == (b, t, hd):
                ph, pg = rnd, probe
        one = next((k for k in range(h) if torch.equal(pg, ph[:, k])), None)
        if got.shape == (b, t, hd) and one is not None:
            hint = (f"your result is head {one} alone (context_vec[:, {one}]); concatenate "
                    f"every head: each token's vector has num_heads * head_dim = {h * hd} "
                    "numbers")
        elif got.shape == (b, t, hd) and (_close(pg, ph.sum(1))
                                          or _close(pg, ph.mean(1))):
            hint = ("you summed or averaged the heads (your result equals context_vec."
                    f"{'sum' if _close(pg, ph.sum(1)) else 'mean'}(1)); concatenate "
                    f"them: each token's vector has num_heads * head_dim = {h * hd} numbers")
        elif got.shape == (b, t, hd):
            hint = (f"that is head_dim = {hd} features per token, one head's worth; "
                    "concatenate the heads: each token's vector has num_heads * head_dim "
                    f"= {h * hd} numbers")
        elif got.shape == heads.shape and torch.equal(got, heads):
            hint = ("you returned the heads as they came in, unmerged" + (
                f": torch.split(context_vec, head_dim, dim=1) cuts dim 1 into pieces of "
                f"head_dim = {hd} heads, here one piece holding all {h}; cut it into "
                "single heads (unbind(1), or split(1, dim=1)) and join them along the "
                "last dimension, or transpose(1, 2), then view"
                if hd >= h and _merges_by_split(impl) else
                "; transpose(1, 2) to (b, num_tokens, num_heads, head_dim), then "
                f".contiguous().view(b, num_tokens, d_out) = {tuple(x.shape)}"))
        elif got.shape == (b, h * t, hd):
            hint = ("you joined the heads along the token dimension; concatenate each "
                    "token's head vectors along the last (feature) dimension")
        elif got.shape == (b, t, h, hd) and torch.equal(got, heads.transpose(1, 2)):
            hint = ("your result is the heads transposed to (b, num_tokens, num_heads, "
                    "head_dim), still 4-D: join each token's heads into one vector, "
                    ".contiguous().view(b, num_tokens, num_heads * head_dim) (or flatten(2))")
        elif t > h and torch.equal(got, torch.cat(heads[:, :, :h].unbind(2), dim=-1)):
            hint = (f"your result joins tokens 0 to {h - 1} of every head: you indexed dim 2 "
                    "(the tokens) with the head index, context_vec[:, :, h]; head h is "
                    "context_vec[:, h] (dim 1), or transpose(1, 2), then view")
        elif torch.equal(got, torch.cat(heads.unbind(2), dim=-1)):
            hint = ("you concatenated the tokens (dim 2) instead of the heads: each token's "
                    "vector joins its num_heads head vectors (transpose(1, 2), then view)")
        elif got.shape == (b, h, t * hd) and torch.equal(
                got, heads.transpose(1, 2).reshape(b, h, t * hd)):
            hint = ("you unpacked context_vec.shape in the wrong order: it is (b, "
                    "num_heads, num_tokens, head_dim)")
        elif got.shape == (b, t * h * hd):
            hint = ("you flattened the tokens into the features too (flatten(1) or "
                    "view(b, -1)); keep the token dimension: flatten(2) or view(b, "
                    f"num_tokens, d_out) = {tuple(x.shape)}")
        elif got.shape == (b, t, b * hd) and b != h and torch.equal(
                got, torch.cat(heads[:, :b].unbind(1), dim=-1)) and getattr(_try_call(
                    impl, heads[:1].clone()), "shape", None) == (1, t, hd):
            # a batch of one tells the batch size from num_heads - 1 (both 2 here)
            hint = (f"your vectors join heads 0 to {b - 1} only, {b} heads, as many as the "
                    f"batch size b = {b}: the number of heads was read from dim 0 (range("
                    "context_vec.shape[0]) or len(context_vec)); the heads are dim 1, "
                    f"num_heads = context_vec.shape[1] = {h}")
        elif got.shape == (b, t, (h - 1) * hd):
            hint = (f"that is {h - 1} heads' worth of features, one head is missing (a "
                    "range(num_heads - 1)?); concatenate all num_heads heads")
        elif got.shape == (b * h, t, hd) and torch.equal(got, heads.transpose(0, 1).reshape(
                b * h, t, hd)):
            hint = ("the heads are stacked along dim 0, the batch, (b * num_heads, "
                    "num_tokens, head_dim): torch.vstack or torch.cat(..., dim=0) of the "
                    "heads; join them along the last dimension, torch.cat(context_vec."
                    "unbind(1), dim=-1), or transpose(1, 2), then view")
        elif got.shape == tuple(d for d in x.shape if d != 1):
            hint = ("you dropped a dimension of size 1 (squeeze()?), here the batch of "
                    f"one; keep (b, num_tokens, d_out) = {tuple(x.shape)}")
        elif got.numel() == x.numel() and got.shape[-1] == b * h * hd and b > 1:
            hint = (f"each vector has b * num_heads * head_dim = {b} * {h} * {hd} = "
                    f"{b * h * hd} numbers, the whole batch's: the batch's sequences were "
                    "joined into each token's vector (torch.cat(context_vec.unbind(0), "
                    "...)?); keep the batch dimension and join only the heads, unbind(1) "
                    f"(or transpose(1, 2), then view): expected {tuple(x.shape)}")
        elif got.numel() == x.numel() and b > 1 and [d for d in got.shape if d != 1] == [
                h, t, b * hd] and torch.equal(got.reshape(h, t, b * hd),
                                              torch.cat(list(heads), dim=-1)):
            # iterating over a tensor walks dim 0: list(context_vec) holds the b sequences
            hint = ("your result is torch.cat(list(context_vec), dim=-1) (with a dimension "
                    "of size 1 added or dropped): list(context_vec), like a for loop over "
                    "it, walks dim 0, the batch, so you joined the batch's sequences, "
                    f"giving (num_heads, num_tokens, b * head_dim) = {(h, t, b * hd)}; join "
                    "the heads, dim 1: torch.cat(context_vec.unbind(1), dim=-1), or "
                    f"transpose(1, 2), then .contiguous().view(b, num_tokens, d_out) = "
                    f"{tuple(x.shape)}")
        elif got.shape == (b, 1, t, h * hd) and torch.equal(got[:, 0], x):
            hint = ("the right numbers with an extra dimension of size 1 at dim 1: pieces "
                    "taken with torch.split(context_vec, 1, dim=1) or torch.chunk keep a heads "
                    "dimension of size 1, so joining them leaves it in; take the heads with "
                    "context_vec.unbind(1) (or context_vec[:, i]), which drops it: expected "
                    f"(b, num_tokens, d_out) = {tuple(x.shape)}")
        else:
            hint = (f"expected (b, num_tokens, d_out) = {tuple(x.shape)}"
                    + (_sizes_named(got.shape, {"b": b, "num_tokens": t, "num_heads": h,
                                                "head_dim": hd})
                       or ". " + describe_difference(got, x, where=False)).rstrip(". "))
        raise CheckFailure(f"{what} gave shape {tuple(got.shape)}: {hint}")
    if torch.equal(got, heads.permute(0, 2, 3, 1).reshape(x.shape)):
        raise CheckFailure(f"{what}: the heads' features are interleaved (permute(0, 2, 3, "
                           "1) puts head_dim before num_heads); keep each head's head_dim "
                           "numbers together: transpose(1, 2), then view")
    if torch.equal(got, torch.cat(list(heads), dim=-1).view(x.shape)):
        raise CheckFailure(f"{what}: torch.cat(list(context_vec)) splits the batch, not the "
                           "heads; transpose(1, 2), then .contiguous().view(b, num_tokens, "
                           "d_out)")
    if torch.equal(got, heads.flip(1).transpose(1, 2).reshape(x.shape)):
        raise CheckFailure(f"{what}: the heads are concatenated in reverse order; head 0's "
                           "vector comes first in each token's merged vector")
    slots = got.reshape(b, t, h, hd)
    order = [next((j for j in range(h) if torch.equal(slots[:, :, k], heads[:, j])), None)
             for k in range(h)]
    if sorted(o for o in order if o is not None) == list(range(h)) != order:
        raise CheckFailure(f"{what}: each token's merged vector holds its heads in the "
                           f"order {order} (slot k holds head order[k]), not 0 to {h - 1}: "
                           "the heads were reordered (a roll, an index or a loop that "
                           "starts at another head?); head 0's vector comes first, then "
                           "head 1's: transpose(1, 2), then view")
    if b > 1 and torch.equal(got[0], x[0]) and not torch.equal(got, x):
        raise CheckFailure(f"{what}: only the first sequence of the batch is right (code "
                           "for a batch of one, context_vec[0]?); merge every sequence: "
                           "transpose(1, 2), then .contiguous().view(b, num_tokens, d_out)")
    chunks = got.reshape(b, t, h, hd)
    if h > 1 and not torch.equal(got, x) and torch.equal(
            chunks, chunks[:, :, :1].expand(b, t, h, hd)):
        raise CheckFailure(f"{what}: every head's slot of a token holds the same numbers: "
                           "you combined the heads (a mean, sum or max over dim 1) and "
                           "repeated the result; concatenate the heads' different vectors "
                           "instead: transpose(1, 2), then .contiguous().view(b, "
                           "num_tokens, d_out)")
    if not torch.equal(got, x):
        wrong = int((got != x).any(-1).nonzero()[0, 1])
        order = next((p for p in itertools.permutations(range(4))
                      if torch.equal(got, heads.permute(p).reshape(x.shape))), None)
        if order == (0, 1, 2, 3):
            raise CheckFailure(f"{what}: token {wrong}'s merged vector is not the "
                               "concatenation of its heads' vectors: you reshaped (b, "
                               "num_heads, num_tokens, head_dim) straight to (b, "
                               "num_tokens, d_out) (a view without transpose, or the heads "
                               "joined along the tokens and reshaped), which mixes tokens "
                               "and heads; transpose(1, 2) first, then .contiguous().view("
                               "b, num_tokens, d_out)")
        if b > 1 and h > 1 and torch.equal(
                got, heads.reshape(h, b, t, hd).permute(1, 2, 0, 3).reshape(x.shape)):
            raise CheckFailure(f"{what}: token {wrong}'s merged vector is not the "
                               "concatenation of its heads' vectors: the batch and head "
                               "dimensions were flattened together (reshape(b * num_heads, "
                               "num_tokens, head_dim), sequence-major: sequence 0's heads "
                               "first) and then cut as if the heads came first (torch.chunk"
                               "(..., num_heads, dim=0), split(b) or a view(num_heads, b, "
                               "...)), so each piece mixes sequences and heads: sequence "
                               "0's slots hold " + ", ".join(
                                   f"sequence {k * b // h}'s head {k * b % h}"
                                   for k in range(h))
                               + "; keep b apart: transpose(1, 2), then .contiguous().view("
                               "b, num_tokens, d_out)")
        if order is not None:
            raise CheckFailure(f"{what}: token {wrong}'s merged vector is not the "
                               "concatenation of its heads' vectors: your result is "
                               f"context_vec.permute{order} reshaped (a transpose of the "
                               "wrong dimensions); the order must be (b, num_tokens, "
                               "num_heads, head_dim), permute(0, 2, 1, 3), which is "
                               "transpose(1, 2), then .contiguous().view(b, num_tokens, "
                               "d_out)")
        start = (f"{what}: token {wrong}'s merged vector is not the concatenation of its "
                 f"heads' vectors (max difference {_max_diff(got, x):.0f})")
        i, j, f = (int(v) for v in (got != x).nonzero()[0])
        moved = torch.equal(got.flatten().sort().values, x.flatten().sort().values)
        found = (heads == got[i, j, f]).nonzero() if moved else []  # the numbers are unique
        source = (f", which is head {int(found[0, 1])}'s number {int(found[0, 3])} of "
                  f"token {int(found[0, 2])}" + (f" in sequence {int(found[0, 0])}"
                                                  if b > 1 else "") if len(found) else "")
        start += (f"; the first wrong entry is sequence {i}, token {j}, feature {f} (head "
                  f"{f // hd}'s slot, its number {f % hd}): yours {float(got[i, j, f]):.4g}"
                  f"{source}, expected {float(x[i, j, f]):.4g}, head {f // hd}'s number "
                  f"{f % hd} of token {j}")
        nonzero = x != 0
        ratio = (got[nonzero] / x[nonzero]) if got.is_floating_point() else None
        if ratio is not None and bool(torch.isfinite(ratio).all()) and \
                (ratio - ratio[0]).abs().max() < 1e-5 and (got[~nonzero] == 0).all():
            factor = ratio[0].item()
            named = (f" = 1 / num_heads: you divided by num_heads = {h}"
                     if abs(factor - 1 / h) < 1e-6 else
                     f" = 1 / sqrt(num_heads) (sqrt({h}))" if abs(factor - h ** -0.5) < 1e-6
                     else "")
            raise CheckFailure(f"{start}: every number is the right one times {factor:.4g}"
                               f"{named}; merging only moves numbers around: no division, "
                               "scaling or averaging, just transpose(1, 2) and view")
        if torch.equal(got.transpose(1, 2).reshape(-1), x.reshape(-1)):
            raise CheckFailure(f"{start}: your result is the merged memory viewed as (b, "
                               "d_out, num_tokens) and transposed back (view(b, -1, "
                               "num_tokens).transpose(1, 2)?); after transpose(1, 2)."
                               "contiguous() the memory is already in (b, num_tokens, "
                               "d_out) order: view(b, num_tokens, d_out) directly")
        if torch.equal(got.flatten().sort().values, x.flatten().sort().values):
            relation = describe_difference(got, x, ("batch", "tokens", "features"),
                                           where=False)
            raise CheckFailure(f"{start}: your result holds exactly the heads' numbers, "
                               "arranged in another order" + (
                                   f". {relation.rstrip('.')}; a roll, flip or shifted "
                                   "slice after the merge moves them" if relation else
                                   " (no transpose or permute of the heads followed by one "
                                   "reshape gives it: a reshape to an intermediate shape, or "
                                   "two reshapes?)") + _slot_sources(got, x, h, hd)
                               + "; transpose(1, 2) "
                               "to (b, num_tokens, num_heads, head_dim), then .contiguous()"
                               ".view(b, num_tokens, d_out)")
        shift = (got - x).flatten() if got.is_floating_point() else None
        if shift is not None and float((shift - shift[0]).abs().max()) < 1e-5:
            raise CheckFailure(f"{start}: every number is the right one plus "
                               f"{float(shift[0]):.4g}, an offset added to the merged "
                               "vectors; merging only moves numbers around: no term "
                               "added, just transpose(1, 2) and view")
        wrong_rows = sorted({int(v) for v in (got != x).any(-1).nonzero()[:, 1]})
        source = {i: next((j for j in range(t) if torch.equal(got[:, i], x[:, j])), None)
                  for i in wrong_rows}
        if wrong_rows and None not in source.values():
            raise CheckFailure(f"{start}: whole tokens are moved or repeated: token(s) "
                               + ", ".join(f"{i} hold token {j}'s merged vector"
                                           for i, j in source.items())
                               + " (an index or slice over the tokens, such as [:, -1:] "
                               "then expand or repeat?); each token keeps its own "
                               "vector: transpose(1, 2), then .contiguous().view(b, "
                               "num_tokens, d_out)")
        if h > 1 and torch.equal(got, _slots_every_feature(heads)):
            other = torch.randn(2, 3, 4, 5)  # confirmed on another configuration
            again = _try_call(impl, other)
            if isinstance(again, torch.Tensor) and torch.equal(again, _slots_every_feature(
                    other)):
                raise CheckFailure(f"{start}: head k was written at features k to k + "
                                   "head_dim - 1 (out[..., h:h + head_dim] = ...), so the "
                                   "heads overlap, each overwriting the one before, and the "
                                   f"last {h * hd - (h - 1) - hd} features stay 0; head h's "
                                   "slot starts at feature h * head_dim: out[..., h * head_dim:"
                                   "(h + 1) * head_dim], or transpose(1, 2) then .contiguous()"
                                   ".view(b, num_tokens, d_out)")
        offsets = (got - x)[..., :1] if got.is_floating_point() else None
        if offsets is not None and bool(((got - x) - offsets).abs().max() < 1e-5):
            centred = _close(got, x - x.mean(-1, keepdim=True))
            raise CheckFailure(f"{start}: each token's merged vector is shifted by a constant "
                               "of its own (sequence 0's offsets by token: "
                               f"{[round(float(v), 4) for v in offsets[0, :, 0]]})" + (
                                   ", minus the vector's mean: you centred each merged vector "
                                   "(a normalisation step belongs to the layer norm, not "
                                   "here)" if centred else "") + "; merging only moves "
                               "numbers: transpose(1, 2), then .contiguous().view(b, "
                               "num_tokens, d_out)")
        slots = (got.reshape(b, t, h, hd) - x.reshape(b, t, h, hd)).transpose(1, 2)
        bad = [k for k in range(h) if bool(slots[:, k].any())]
        added = {k: next((j for j in range(h) if torch.equal(slots[:, k], heads[:, j])),
                         None) for k in bad}
        plus = "; ".join(f"head {k}'s slot holds " + (
                             f"twice head {k}'s vector (2x: the head added to itself, or "
                             "scaled by 2)" if j == k else f"head {k}'s vector plus head {j}'s")
                         for k, j in added.items() if j is not None)
        wrong = got != x
        within = sorted({int(v) % hd for v in wrong.nonzero()[:, 2]})
        unset = bool((got[wrong] == 0).all())
        pattern = ((f", and only number(s) {within} of head_dim = {hd} differ inside "
                    "each of those slots" + (
                        ", the last of each head, as a slice end off by one leaves "
                        "it (h * head_dim:(h + 1) * head_dim - 1, while a Python slice "
                        "already leaves out its end)" if within == [hd - 1] else ""))
                   if len(within) < hd else "")
        numbers = (", and every wrong entry is 0: those places were never written (a "
                   "result made with zeros and filled by a loop or slice that misses "
                   "them?)" if unset else ", and it holds numbers that are not among the "
                   "heads' (arithmetic on them?)" if not bool(torch.isin(got[wrong], x).all())
                   else ", and every wrong entry is one of the heads' numbers in the wrong "
                   "place (some repeated, others left out)")
        # slots that hold another head's (or token's) whole vector: name where each came from
        moved = [(a, k, next(((j, c) for c in range(t) for j in range(h) if torch.equal(
                     got[:, a, k * hd:(k + 1) * hd], heads[:, j, c])), None))
                 for a in wrong_rows for k in range(h)
                 if not torch.equal(got[:, a, k * hd:(k + 1) * hd], x[:, a, k * hd:(k + 1) * hd])]
        if not unset and moved and None not in [m[2] for m in moved]:
            numbers = (", and each wrong slot holds a whole head vector from elsewhere: "
                       + "; ".join(f"token {a}'s slot for head {k} holds head {j}'s vector"
                                   + (f" of token {c}" if c != a else "")
                                   for a, k, (j, c) in moved[:6])
                       + ("; ..." if len(moved) > 6 else "")
                       + " (a loop that indexes the wrong head or token there?)")
        per_head = "" if plus or len(bad) == h else "; ".join(
            f"in head {k}'s slot, {rel[len('What differs: '):].rstrip('.')}" for k in bad
            if (rel := describe_difference(got.reshape(b, t, h, hd)[:, :, k],
                                           x.reshape(b, t, h, hd)[:, :, k],
                                           ("batch", "tokens", "head_dim"))))
        # only some tokens wrong: how those tokens' vectors relate to the right ones
        per_token = describe_difference(got[:, wrong_rows], x[:, wrong_rows], where=False) \
            if len(wrong_rows) < t else ""
        whole = per_token.replace("What differs: ", f"What differs in token(s) {wrong_rows}: ") \
            or describe_difference(got, x)
        raise CheckFailure(f"{start}; the tokens with a wrong vector are {wrong_rows} of "
                           f"{t}, the heads whose slots differ are {bad} of {h}"
                           + (f" ({plus})" if plus else f" ({per_head})" if per_head else "")
                           + pattern + numbers + (f". {whole.rstrip('.')}" if whole else "")
                           + "; merging only moves numbers: "
                           "transpose(1, 2) to (b, num_tokens, num_heads, head_dim) "
                           "first, then .contiguous().view(b, num_tokens, d_out)")


def _slots_every_feature(heads):
    """A merge that writes head k at feature k instead of k * head_dim (the heads overlap)."""
    b, h, t, hd = heads.shape
    out = heads.new_zeros(b, t, h * hd)
    for k in range(h):
        out[:, :, k:k + hd] = heads[:, k]
    return out


def _check_merge_size_one(impl):
    """One head, and one head of a batch of one, merge like any other count: a .squeeze() or a
    shortcut for size 1 must not drop or mistake a dimension."""
    x2 = _example(3, 4, 10)
    two = _try_call(impl, x2.view(3, 4, 2, 5).transpose(1, 2).contiguous())
    two_right = isinstance(two, torch.Tensor) and two.shape == x2.shape and torch.equal(two, x2)
    for b in (3, 1):
        x = _example(b, 4, 5)
        heads = x.view(b, 4, 1, 5).transpose(1, 2).contiguous()
        what = f"merging one head, of shape {(b, 1, 4, 5)}"
        note = (" Two heads of shape (3, 2, 4, 5) merge right, so a dimension of size 1 is the "
                "trouble: a .squeeze() (or a shortcut for one head or one sequence) drops it or "
                "takes one dimension for another; unpack b, num_heads, num_tokens, head_dim = "
                "context_vec.shape and keep every dimension" if two_right else "")
        try:
            got = call_answer(impl, (heads,), what)
        except CheckFailure as err:
            raise CheckFailure(f"{err}{note}") from err
        got = _tensor(got, what, x.shape)
        if got.shape != x.shape:
            named = _sizes_named(tuple(got.shape), {"b": b, "num_tokens": 4, "head_dim": 5})
            raise CheckFailure(f"{what}: your result has shape {tuple(got.shape)}, expected "
                               f"{tuple(x.shape)}{named}.{note}")
        if not torch.equal(got, x):
            relation = describe_difference(got, x, ("batch", "tokens", "features"))
            raise CheckFailure(f"{what}: your result differs from the heads' numbers "
                               f"({relation or 'not a simple relation'}).{note}")


def check_merge_heads(impl):
    # each case on its own: a failure that only a freshly loaded copy avoids is named as state
    # kept between calls
    check_cases(state_probed(impl, [
        *((f"case {i + 1}", lambda a, s=shape: _check_merge_shape(a, *s))
          for i, shape in enumerate(_HEAD_SHAPES)),
        ("results kept between calls", _check_not_reused),
        ("dtype, autograd and device", _check_merge_dtype),
        ("one head", _check_merge_size_one),
        ("negative numbers", lambda a: _check_negative_numbers(a, merge=True)),
        ("one token", _check_merge_one_token),
        ("heads as split_heads returns them", _check_merge_layout),
        ("as on a machine with a GPU", lambda a: _check_not_moved_to_gpu(
            a, (_example(2, 5, 6).view(2, 5, 3, 2).transpose(1, 2).contiguous(),),
            "merging heads of shape (2, 3, 5, 2)", cause=_GPU_MOVE, mps=True)),
    ]))


# --- ex3_8: multi-head attention from scratch -----------------------------------------------------


def _mha(sd, x, num_heads, scale="head_dim", drop=None, seed=None, p=0.0, softmax_dim=-1,
         merge=(1, 2), out_proj=True, fill=-torch.inf, split_transpose=True, source=None,
         hidden=None, scale_after=False, heads=None, mask_after=False, again=None,
         weight_factor=1.0, values_first=False, values_out_proj=False, head_mean=False,
         flip_heads=False, renorm=False, weights_map=None, softmax_cast=None, floor=False,
         softmax_fn=None):
    """The reference forward pass on the weights ``sd``, with switches that replay mistakes:
    ``scale`` "head_dim" | "d_out" | "none" | ...; ``drop`` "weights" | "context" | "output"
    | "scores" | "values" | "head_context" (attn_weights @ values, before the merge) | ...
    or a tuple of them (dropped in each, in forward order); the
    softmax dimension; the dimensions swapped before merging the heads (None: no transpose;
    "interleaved": permute(0, 2, 3, 1), each head's features spread num_heads apart);
    ``hidden`` a (t, t) mask of the hidden keys other than the book's; ``scale_after`` divides
    after the softmax; ``heads`` splits into another number of heads than ``num_heads``;
    ``mask_after`` zeroes the hidden weights after an unmasked softmax; ``again`` "values" |
    "context" | "output" | "weights" drops there a second time, after the weights' dropout;
    ``values_out_proj`` applies out_proj to the values before the split (and not at the end);
    ``head_mean`` averages the attention weights over the heads; ``flip_heads`` merges the
    heads in reverse order; ``renorm`` divides the ``mask_after`` weights by their row sums;
    ``weights_map`` changes the weights just before the weighted sum of the values;
    ``softmax_cast`` (dtype, early) takes the softmax in that dtype and casts the weights back
    (early: the scores cast before the division by the scale, else after it); ``floor``
    floor-divides the masked scores by the scale (``//``); ``softmax_fn`` replaces
    ``torch.softmax(..., dim=-1)`` of the scaled scores (a hand-written softmax)."""
    import torch.nn.functional as F

    b, t, _ = x.shape
    d_out = sd["W_query.weight"].shape[0]
    num_heads = heads or num_heads
    hd = d_out // num_heads

    def proj(name, then_out=False):
        y = F.linear(x, sd[f"{name}.weight"], sd.get(f"{name}.bias"))
        if then_out:  # out_proj on the projected values, before the split
            y = F.linear(y, sd["out_proj.weight"], sd["out_proj.bias"])
        if split_transpose == "interleaved" or (isinstance(split_transpose, dict) and
                                                split_transpose.get(name) == "interleaved"):
            # head h gets features h, h + num_heads, ...
            return y.view(b, t, hd, num_heads).permute(0, 3, 1, 2)
        if split_transpose is False or (split_transpose is not True
                                        and name in split_transpose):
            return y.view(b, num_heads, t, hd)
        return y.view(b, t, num_heads, hd).transpose(1, 2)  # (b, num_heads, t, head_dim)

    drops = set(drop) if isinstance(drop, tuple) else {drop}  # a tuple: dropped in each place
    if seed is not None:  # nothing before the dropout draws random numbers
        torch.manual_seed(seed)
    if "input" in drops:
        x = F.dropout(x, p)
    src = {"W_query": "W_query", "W_key": "W_key", "W_value": "W_value", **(source or {})}
    q, k, v = proj(src["W_query"]), proj(src["W_key"]), proj(src["W_value"], values_out_proj)
    if "queries" in drops:
        q = F.dropout(q, p)
    if "keys" in drops:
        k = F.dropout(k, p)
    if "values" in drops:
        v = F.dropout(v, p)
    scores = q @ k.transpose(2, 3)
    if "scores" in drops:
        scores = F.dropout(scores, p)
    if hidden is None:
        hidden = torch.triu(torch.ones(t, t, dtype=torch.bool), 1)
    scores = scores if mask_after else scores.masked_fill(hidden, fill)
    div = {"head_dim": hd ** 0.5, "head_dim_no_sqrt": hd, "d_out": d_out ** 0.5, "none": 1.0,
           "d_in": x.shape[-1] ** 0.5, "num_heads": num_heads ** 0.5,
           "num_tokens": t ** 0.5}[scale] if isinstance(scale, str) else float(scale)
    weights = (torch.softmax(scores, dim=softmax_dim) / div if scale_after
               else torch.softmax(scores // div if floor else scores / div, dim=softmax_dim))
    if softmax_fn is not None:
        weights = softmax_fn(scores / div)
    if softmax_cast is not None:
        low, early = softmax_cast
        weights = torch.softmax(scores.to(low) / div if early else (scores / div).to(low),
                                dim=softmax_dim).to(scores.dtype)
    if mask_after:
        weights = weights.masked_fill(hidden, 0.0)
        if renorm:  # each row divided by its new sum (0 / 0 where the visible weights underflow)
            weights = weights / weights.sum(-1, keepdim=True)
    if head_mean:
        weights = weights.mean(1, keepdim=True)  # (b, 1, t, t): one pattern for every head
    if drops & {"weights", "weights_renorm"}:
        weights = F.dropout(weights, p)
        if again == "weights":
            weights = F.dropout(weights, p)
    if "weights_renorm" in drops:
        weights = weights / weights.sum(-1, keepdim=True).clamp_min(1e-12)
    weights = weights * weight_factor
    if weights_map is not None:
        weights = weights_map(weights)
    context = weights @ (F.dropout(v, p) if again == "values" else v)
    if values_first:  # values @ weights: runs only when num_tokens == head_dim
        context = v @ weights
    if "head_context" in drops:  # each head's context vectors, before the merge
        context = F.dropout(context, p)
    if flip_heads:
        context = context.flip(1)  # head num_heads - 1 first
    context = (context if merge is None else context.permute(0, 2, 3, 1)
               if merge == "interleaved" else context.transpose(*merge)).contiguous()
    context = context.view(b, t, d_out)
    if "context" in drops or again == "context":
        context = F.dropout(context, p)
    if not out_proj or values_out_proj:
        return context
    out = F.linear(context, sd["out_proj.weight"], sd["out_proj.bias"])
    return F.dropout(out, p) if "output" in drops or again == "output" else out


def _call_noting_dot_t(mine, x, what, hints):
    """``call_answer(mine, (x,), ...)``; a crash after the answer used ``.T`` on a tensor that
    is not 2-D (it reverses every dimension) is blamed on that ``.T``.

    A spy on ``torch.Tensor.T`` sees the call: PyTorch's own deprecation warning for it is
    raised once per process, so after any earlier check used such a ``.T`` it would be silent.
    A spy on ``masked_fill`` notes a mask that does not broadcast against the scores.
    """
    shapes, refused = [], []

    def dot_t(tensor):  # what .T does, noting the shapes of tensors that are not 2-D
        if tensor.dim() != 2:
            shapes.append(tuple(tensor.shape))
        return tensor.permute(*reversed(range(tensor.dim())))

    def spy(name):
        original = getattr(torch.Tensor, name)

        def fill(tensor, mask, value):
            try:
                return original(tensor, mask, value)
            except RuntimeError:
                if torch.is_tensor(mask):
                    refused.append((tuple(tensor.shape), tuple(mask.shape)))
                raise
        return fill

    torch.Tensor.T = property(dot_t)
    torch.Tensor.masked_fill, torch.Tensor.masked_fill_ = spy("masked_fill"), spy("masked_fill_")
    try:
        return call_answer(mine, (x,), what, hints)
    except CheckFailure:
        if not refused and not any(len(shape) > 2 for shape in shapes):
            raise
    finally:  # the spies only shadowed the attributes of torch._C.TensorBase
        del torch.Tensor.T, torch.Tensor.masked_fill, torch.Tensor.masked_fill_
    if refused and not any(len(shape) > 2 for shape in shapes):
        scores, mask = refused[-1]
        t = x.shape[1]
        return call_answer(mine, (x,), what, [*hints, (Exception, (
            f"Your masked_fill got a mask of shape {mask} for scores of shape {scores}: the "
            "two do not broadcast (shapes line up from the right, each pair of sizes must be "
            "equal or 1)" + (", and this mask lines its tokens up with the heads' dimension"
                             if len(mask) >= 3 and t in mask[:-2] else "")
            + f". The book's mask is 2-D, self.mask.bool()[:num_tokens, :num_tokens] of shape "
            f"({t}, {t}), which broadcasts over the batch and the heads as it is; to add "
            "dimensions, add them in front (mask[None, None]), not in the middle."))])
    return call_answer(mine, (x,), what, [(Exception, (
        "your code used .T on a tensor that is not 2-D: on the 4-D keys (b, num_heads, "
        "num_tokens, head_dim), .T reverses ALL four dimensions; transpose only the last two, "
        "keys.transpose(2, 3) (or keys.mT)."))])


def _creation_order(mine_sd, d_in, d_out, qkv_bias):
    """The order of creation of the four layers that gives ``mine_sd``'s weights under
    ``torch.manual_seed(123)``, when it is not the book's; else None."""
    import itertools

    sizes = {"W_query": (d_in, d_out, qkv_bias), "W_key": (d_in, d_out, qkv_bias),
             "W_value": (d_in, d_out, qkv_bias), "out_proj": (d_out, d_out, True)}
    for order in itertools.permutations(sizes):
        torch.manual_seed(123)
        made = {n: torch.nn.Linear(sizes[n][0], sizes[n][1], bias=sizes[n][2]) for n in order}
        if all(f"{n}.weight" in mine_sd and torch.equal(made[n].weight, mine_sd[f"{n}.weight"])
               for n in sizes):
            return list(order)
    return None


def _check_mha_not_seeded(impl, kwargs, call):
    """Two modules made under different seeds must get different initial weights."""
    made, after = [], []
    for seed in (1, 2):
        torch.manual_seed(seed)
        made.append({k: v for k, v in impl(**kwargs).state_dict().items() if k != "mask"})
        after.append(torch.rand(1))
    if all(torch.equal(made[0][k], made[1][k]) for k in made[0]):
        again = torch.equal(*after)
        raise CheckFailure(f"{call}: modules made after torch.manual_seed(1) and after "
                           "torch.manual_seed(2) have the same initial weights, so your "
                           "__init__ fixes the random numbers itself" + (
                               " (and the random numbers drawn after it are the same too: a "
                               "torch.manual_seed call inside __init__?)" if again else "")
                           + "; leave seeding to the caller, who seeds before building the "
                           "module")


def _check_mha_config(impl, d_in, d_out, context_length, num_heads, qkv_bias, x):
    from llmscratch import MultiHeadAttention

    kwargs = dict(d_in=d_in, d_out=d_out, context_length=context_length, dropout=0.0,
                  num_heads=num_heads, qkv_bias=qkv_bias)
    call = f"MultiHeadAttention({', '.join(f'{k}={v}' for k, v in kwargs.items())})"
    torch.manual_seed(123)
    mine = impl(**kwargs)
    torch.manual_seed(123)
    ref = MultiHeadAttention(**kwargs)
    if not isinstance(mine, torch.nn.Module):
        raise CheckFailure(f"MultiHeadAttention(...) made a {type(mine).__name__}; subclass "
                           "nn.Module")
    shapes = {k: tuple(v.shape) for k, v in mine.state_dict().items()}
    ref_shapes = {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    if shapes != ref_shapes:
        missing = sorted(set(ref_shapes) - set(shapes))
        if not shapes:
            hint = ("your module holds no layers or buffer: create W_query, W_key, W_value "
                    "(nn.Linear(d_in, d_out, bias=qkv_bias)), out_proj, the dropout and the "
                    "mask buffer in __init__")
        elif shapes.get("mask") not in (None, ref_shapes["mask"]):
            hint = (f"the mask has shape {shapes['mask']}; build it from context_length, "
                    f"here ({context_length}, {context_length})")
        elif "out_proj.bias" in missing and "out_proj.weight" not in missing:
            hint = ("out_proj has no bias: keep nn.Linear(d_out, d_out)'s default bias=True "
                    "(only W_query, W_key and W_value follow qkv_bias)")
            extra = sorted(k for k in set(shapes) - set(ref_shapes) if k.endswith(".bias"))
            if extra:
                hint += (f", and with qkv_bias=False you have {', '.join(extra)}: qkv_bias "
                         "went to out_proj while W_query, W_key and W_value kept nn.Linear's "
                         "default bias=True; the two are swapped")
        elif not qkv_bias and any(k.endswith(".bias") and k != "out_proj.bias"
                                  for k in set(shapes) - set(ref_shapes)):
            extra = sorted(k for k in set(shapes) - set(ref_shapes) if k.endswith(".bias"))
            hint = (f"qkv_bias=False, yet you have {', '.join(extra)}: pass bias=qkv_bias to "
                    "each of W_query, W_key and W_value")
        elif shapes.get("out_proj.weight") == (d_out, d_in) != ref_shapes["out_proj.weight"]:
            hint = (f"out_proj.weight has shape {(d_out, d_in)}: you built nn.Linear(d_in, "
                    "d_out), but out_proj maps the merged heads (d_out features) to d_out: "
                    "nn.Linear(d_out, d_out); the two agree only when d_in == d_out")
        elif shapes.get("out_proj.weight") == (d_in, d_out) != ref_shapes["out_proj.weight"]:
            hint = (f"out_proj.weight has shape {(d_in, d_out)}: you built nn.Linear(d_out, "
                    "d_in), which maps back to the input width, but the module's output has "
                    "d_out features: nn.Linear(d_out, d_out); the two agree only when d_in == "
                    "d_out")
        elif "out_proj.weight" in missing:
            hint = ("there is no out_proj: add nn.Linear(d_out, d_out) and apply it after "
                    "merging the heads")
        elif "mask" in missing and "mask" in dict(mine.named_buffers()):
            hint = ("your mask is a buffer left out of state_dict (persistent=False); the "
                    "book's state_dict holds it, so loading the book's weights with "
                    "load_state_dict would fail: register it with the default persistent=True")
        elif "mask" in missing and any(shapes[k] == ref_shapes["mask"] and
                                       k in dict(mine.named_buffers()) for k in shapes):
            name = next(k for k in shapes if shapes[k] == ref_shapes["mask"] and
                        k in dict(mine.named_buffers()))
            hint = (f"your mask buffer is named '{name}'; the book's is 'mask', and state_dict "
                    "keys are the buffer names, so the book's saved weights would not load "
                    "into your module: register_buffer('mask', ...)")
        elif "mask" in missing:
            hint = ("the causal mask is not in state_dict: register it with "
                    "self.register_buffer('mask', ...) so .to(device) moves it too")
        elif qkv_bias and any(k.endswith(".bias") and k != "out_proj.bias" for k in missing):
            hint = ("qkv_bias=True asks for biases in W_query, W_key and W_value: pass "
                    "bias=qkv_bias to their nn.Linear")
        else:
            extra = sorted(set(shapes) - set(ref_shapes))
            hint = ((f"your module holds {', '.join(extra)} besides the book's layers and "
                     "buffer (an extra parameter or buffer, such as a learned scale?), so the "
                     "book's saved weights would not load with load_state_dict; "
                     if extra and not missing else "")
                    + "use the names W_query, W_key, W_value, out_proj and a buffer named "
                    "mask, with the book's shapes")
        raise CheckFailure(f"{call}: {hint}. Your state_dict holds {shapes}; the book's "
                           f"holds {ref_shapes}")
    _check_mha_not_seeded(impl, kwargs, call)
    if "mask" in dict(mine.named_parameters()):
        raise CheckFailure(f"{call}: your mask is an nn.Parameter (even with requires_grad=False "
                           "it counts in parameters(): the parameter count grows by "
                           f"{context_length}^2 and optimizers receive it); register it with "
                           "self.register_buffer('mask', ...)")
    for key, value in mine.state_dict().items():
        if key == "mask" and not torch.equal(value, ref.state_dict()[key]):
            n = context_length
            diag = torch.equal(value.bool(), torch.triu(torch.ones(n, n, dtype=torch.bool)))
            hidden = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
            shifted = next((k for k in range(-n, n + 1) if k not in (0, 1) and torch.equal(
                value.bool(), torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=k))),
                None)
            if shifted is not None:
                raise CheckFailure(
                    f"{call}: your mask is torch.triu(torch.ones(context_length, "
                    f"context_length), diagonal={shifted}), not diagonal=1: " + (
                        f"query i can see keys up to i + {shifted - 1}, future tokens"
                        if shifted > 1 else "it hides the diagonal and keys before it too")
                    + "; diagonal=1 hides exactly the keys after each query")
            if torch.equal(value.bool(), hidden.T):
                raise CheckFailure(f"{call}: your mask is the book's transposed (torch.tril("
                                   "..., diagonal=-1), or triu(...).T): it hides the keys "
                                   "BEFORE each query and leaves the future visible; use "
                                   "torch.triu(torch.ones(context_length, context_length), "
                                   "diagonal=1) as it is")
            other = ("it marks the VISIBLE keys (tril), the book's marks the hidden ones"
                     if torch.equal(value.bool(), ~hidden) else
                     "it is an additive mask (-inf above the diagonal, 0 elsewhere)"
                     if value.is_floating_point() and torch.equal(torch.isinf(value), hidden)
                     and not value[~hidden].any() else "")
            raise CheckFailure(f"{call}: your mask hides the diagonal too (triu with diagonal=0),"
                               " so a token cannot see itself; use torch.triu(torch.ones("
                               "context_length, context_length), diagonal=1)" if diag else
                               f"{call}: your mask differs from the book's torch.triu(torch.ones("
                               "context_length, context_length), diagonal=1)" + (
                                   f": {other}. Your attention may be right, but the buffer is "
                                   "part of state_dict, so the book's saved weights would put "
                                   "their 0/1 mask into it: keep the book's mask and apply it "
                                   "with masked_fill" if other else ""))
        if not torch.equal(value, ref.state_dict()[key]):
            ref_sd = ref.state_dict()
            order = _creation_order(mine.state_dict(), d_in, d_out, qkv_bias)
            if order == ["W_query", "W_key", "W_value", "out_proj"]:  # only a bias differs
                zero = not value.any()
                raise CheckFailure(
                    f"{call}: under torch.manual_seed(123) every initial weight matrix is the "
                    f"book's, but your initial {key} differs (max difference "
                    f"{_max_diff(value, ref_sd[key]):.3g}" + (
                        "; yours is all zeros" if zero else "") + "): your __init__ changes "
                    "that bias after nn.Linear made it" + (
                        " (nn.init.zeros_ or .fill_(0)?)" if zero else "") + "; keep "
                    "nn.Linear's own initialisation of the biases too")
            if order:
                raise CheckFailure(f"{call}: under torch.manual_seed(123) your initial {key} "
                                   "differs from the book's, and your initial weights are "
                                   f"those of layers created in the order {', '.join(order)} "
                                   "(nn.Linear draws its random weights when it is created); "
                                   "create W_query, W_key, W_value, out_proj in that order")
            raise CheckFailure(f"{call}: under torch.manual_seed(123) your initial {key} "
                               f"differs from the book's (max difference "
                               f"{_max_diff(value, ref_sd[key]):.3g}), and no other order of "
                               "creating the four layers gives your weights: keep "
                               "nn.Linear's own initialisation (no nn.init call, no rescaling, "
                               "no extra random draws in __init__) and create W_query, W_key, "
                               "W_value, out_proj in that order")
    what = f"{call} on an input of shape {tuple(x.shape)}"
    hints = [(f"size of tensor a ({num_heads}) must match the size of tensor b ({x.shape[1]}) "
              "at non-singleton dimension 1",
              "queries @ keys.transpose(2, 3): swap the last two dimensions of keys (b, "
              "num_heads, num_tokens, head_dim), not dims 1 and 2 (nor 1 and 3)."),
             *((f"({a}) must match the size of tensor b ({c}) at non-singleton dimension 1",
                f"Your queries, keys or values were split into {other} heads of "
                f"{d_out // other} numbers and another of them into num_heads = {num_heads} "
                f"heads of head_dim = {d_out // num_heads}" + (
                    f" (a head size of d_in // num_heads = {d_in} // {num_heads}: d_in is the "
                    "input's width, head_dim = d_out // num_heads)"
                    if d_out // other == d_in // num_heads else "") + ": split each "
                "projection the same way, view(b, num_tokens, num_heads, head_dim).transpose("
                "1, 2).")
               for other in range(1, d_out + 1)  # num_tokens: the mask
               if d_out % other == 0 and other not in (num_heads, x.shape[1])
               for a, c in ((other, num_heads), (num_heads, other))
               if (a, c) != (num_heads, x.shape[1])),
             *((f"size of tensor {side} ({context_length})",
                f"This input has {x.shape[1]} tokens, fewer than context_length="
                f"{context_length}: slice the mask to [:num_tokens, :num_tokens]."
                if x.shape[1] < context_length else "") for side in "ab"),
             (f"and {d_out}x{d_in})",
              f"A matrix product met a weight of shape ({d_out}, {d_in}) untransposed: you "
              "multiplied by a layer's .weight directly (x @ self.W_query.weight?); nn.Linear "
              "stores its weight as (d_out, d_in) and computes x @ weight.T + bias: call the "
              "layer, self.W_query(x)."),
             (f"shape '[{x.shape[0]}, {x.shape[1]}, {d_in}]' is invalid",
              f"You viewed the merged heads to (b, num_tokens, d_in); they hold d_out = {d_out} "
              "features: view(b, num_tokens, self.d_out) before out_proj."),
             (f"size of tensor a ({d_in}) must match the size of tensor b ({x.shape[1]}) at "
              "non-singleton dimension 3", f"Your mask was cut to {d_in} x {d_in}, the input's "
              "last size (d_in = x.shape[-1]); cut it to the number of tokens, num_tokens = "
              "x.shape[1]."),
             *((f"size of tensor {a} ({x.shape[0]}) must match the size of tensor {b} "
                f"({x.shape[1]}) at non-singleton dimension 3", f"Your mask was cut to "
                f"{x.shape[0]} x {x.shape[0]}, the batch size (b = x.shape[0]); cut it to the "
                f"number of tokens, num_tokens = x.shape[1] = {x.shape[1]}.") for a, b in
               (("a", "b"), ("b", "a"))),
             ("only supports boolean masks", "masked_fill takes a boolean mask, and the buffer "
              "holds the book's 0.0/1.0 floats: use self.mask.bool()[:num_tokens, :num_tokens]."),
             (f"{num_heads}, {d_in // num_heads}]' is invalid",
              f"head_dim is d_out // num_heads = {d_out} // {num_heads} (not d_in // num_heads = "
              f"{d_in // num_heads})."),
             *(((f"shape '[{x.shape[0]}, {context_length}, ", f"Your view uses {context_length} "
                 f"tokens, context_length, but this input has num_tokens = {x.shape[1]}: read "
                 "b, num_tokens, d_in = x.shape in forward (the mask's size is only the "
                 "longest input)."),) if x.shape[1] < context_length else ()),
             *(((f"is invalid for input of size {x.numel()}", f"The tensor you viewed has "
                 f"b * num_tokens * d_in = {x.numel()} numbers, as many as the input x: you "
                 "split x itself into heads instead of its projection; the queries, keys and "
                 f"values are self.W_query(x), self.W_key(x), self.W_value(x), each with d_out "
                 f"= {d_out} features, and those are what view(b, num_tokens, num_heads, "
                 "head_dim) splits."),) if d_in != d_out else ()),
             ("is invalid for input of size", f"A view's sizes do not fit the tensor: the heads "
              f"split d_out = {d_out} into num_heads = {num_heads} pieces of head_dim = "
              f"{d_out // num_heads}, view(b, num_tokens, num_heads, head_dim), and the merge "
              "views back to (b, num_tokens, d_out)."),
             ("view size is not compatible", "After transpose(1, 2) the context vectors are "
              "not contiguous in memory, so view cannot merge the heads: call .contiguous() "
              "before .view(b, num_tokens, self.d_out) (or use .reshape)."),
             ("but got float", "head_dim = d_out / num_heads is a float, and view needs whole "
                               "numbers: use integer division, d_out // num_heads.")]
    mine.eval()

    def second():  # the answer for other sizes, to confirm a reading of its scale
        kw = dict(kwargs, d_in=7, d_out=18, context_length=6, num_heads=2)
        torch.manual_seed(123)
        mine2 = _try_call(lambda: impl(**kw).eval())
        torch.manual_seed(123)
        ref2 = MultiHeadAttention(**kw)
        x2 = torch.randn(2, 5, 7, generator=torch.Generator().manual_seed(4))
        got2 = _try_call(mine2, x2) if mine2 is not None else None
        return (got2, ref2.state_dict(), x2, 2) if isinstance(got2, torch.Tensor) else None

    with torch.no_grad():
        got = _tensor(_call_noting_dot_t(mine, x, what, hints), what)
        sd = ref.state_dict()
        mistakes = {
            "you added the merged context vectors to out_proj's output (a shortcut "
            "connection); the attention module returns out_proj(context_vec) alone, the "
            "transformer block of chapter 4 adds the shortcut":
                _mha(sd, x, num_heads) + _mha(sd, x, num_heads, out_proj=False),
            f"you divided the scores by sqrt(d_out) = sqrt({d_out}); each head's scores are "
            f"divided by sqrt(head_dim) = sqrt({d_out // num_heads})":
                _mha(sd, x, num_heads, scale="d_out"),
            "the scores are not divided by sqrt(head_dim)" + (
                f" (your output matches a divisor of 1; d_in // num_heads = {d_in} // "
                f"{num_heads} = 1 here: a head size taken from d_in instead of d_out?)"
                if d_in // num_heads == 1 else "") + (
                " (here head_dim = 2, where a divisor written head_dim ** 1 / 2, which Python "
                "reads as (head_dim ** 1) / 2 = head_dim / 2 = 1, or a whole-number root, "
                "int(head_dim ** 0.5) or math.isqrt(head_dim) = 1, is no division at all; "
                "both give sqrt(head_dim) "
                "for head_dim = 4, so the other configuration cannot show it; write "
                "head_dim ** 0.5)" if d_out // num_heads == 2 else ""):
                _mha(sd, x, num_heads, scale="none"),
            f"you divided the scores by sqrt(d_in) = sqrt({d_in}), the input width; divide by "
            f"sqrt(head_dim) = sqrt({d_out // num_heads})": _mha(sd, x, num_heads, scale="d_in"),
            "you floor-divided the scores, attn_scores // sqrt(head_dim): // rounds every "
            "scaled score down to a whole number, and -inf // sqrt(head_dim) is NaN, so every "
            "query that hides a key gets NaN; use true division, attn_scores / "
            "self.head_dim ** 0.5": _mha(sd, x, num_heads, floor=True),
            "the softmax runs over the queries; apply the softmax over dim=-1 (the keys)":
                _mha(sd, x, num_heads, softmax_dim=-2),
            "you merge the heads with transpose(2, 3): swap dims 1 and 2 back, "
            "(b, num_heads, num_tokens, head_dim) -> (b, num_tokens, num_heads, head_dim), then "
            "view": _mha(sd, x, num_heads, merge=(2, 3)),
            "you merged the heads with permute(0, 2, 3, 1), which puts head_dim before "
            "num_heads and interleaves the heads' features; transpose(1, 2) (b, num_tokens, "
            "num_heads, head_dim), then view": _mha(sd, x, num_heads, merge="interleaved"),
            "you return the merged context vectors without the output projection: finish with "
            "self.out_proj(context_vec)": _mha(sd, x, num_heads, out_proj=False),
            "your output is out_proj's matrix product without its bias (context_vec @ "
            "self.out_proj.weight.T?); call the layer, self.out_proj(context_vec), which adds "
            "the bias": _mha({**sd, "out_proj.bias": torch.zeros_like(sd["out_proj.bias"])}, x,
                             num_heads),
            f"you divided the scores by sqrt(num_heads) = sqrt({num_heads}) (keys.shape[1] is "
            f"the head count); divide by sqrt(head_dim) = sqrt({d_out // num_heads}), "
            "keys.shape[-1]": _mha(sd, x, num_heads, scale="num_heads"),
            f"you divided the scores by sqrt(num_tokens) = sqrt({x.shape[1]}); divide by "
            f"sqrt(head_dim) = sqrt({d_out // num_heads}), keys.shape[-1]":
                _mha(sd, x, num_heads, scale="num_tokens")
            if x.shape[1] != d_out // num_heads else None,
            "you filled the future scores with 0, which still gets weight after the softmax; "
            "fill them with -torch.inf": _mha(sd, x, num_heads, fill=0.0),
            "you split the heads with view(b, num_heads, num_tokens, head_dim), which mixes "
            "tokens into heads; view as (b, num_tokens, num_heads, head_dim), then "
            "transpose(1, 2)": _mha(sd, x, num_heads, split_transpose=False),
            "you never split into heads: your attention runs as one head over all d_out "
            f"features (scaled by sqrt(head_dim) = sqrt({d_out // num_heads})), so every "
            "head sees the others' features; view the queries, keys and values as (b, "
            "num_tokens, num_heads, head_dim), then transpose(1, 2)":
                _mha(sd, x, num_heads, heads=1, scale=(d_out // num_heads) ** 0.5),
            "you multiplied values @ attn_weights (it runs only because num_tokens = "
            f"head_dim = {x.shape[1]} here); the context vectors are attn_weights @ values, "
            "the weights first": _mha(sd, x, num_heads, values_first=True)
            if x.shape[1] == d_out // num_heads else None,
            "you split the heads with view(b, num_tokens, head_dim, num_heads) (head_dim "
            "before num_heads) and a permute, so head h gets the interleaved features h, h + "
            "num_heads, h + 2 * num_heads, ... while the merge puts them back in blocks; view "
            "as (b, num_tokens, num_heads, head_dim), then transpose(1, 2)":
                _mha(sd, x, num_heads, split_transpose="interleaved"),
        }
        for name, what_ in {"W_query": "queries", "W_key": "keys", "W_value": "values"}.items():
            mistakes[f"you split the {what_} with view(b, num_heads, num_tokens, head_dim), "
                     "which mixes tokens into heads; view as (b, num_tokens, num_heads, "
                     "head_dim), then transpose(1, 2)"] = _mha(sd, x, num_heads,
                                                              split_transpose=(name,))
        for pair in (("W_query", "W_key"), ("W_query", "W_value"), ("W_key", "W_value")):
            names = " and ".join({"W_query": "queries", "W_key": "keys",
                                  "W_value": "values"}[n] for n in pair)
            mistakes[f"you split the {names} with view(b, num_heads, num_tokens, head_dim) "
                     "without transpose, which mixes tokens into heads (the third is split "
                     "right); view all three as (b, num_tokens, num_heads, head_dim), then "
                     "transpose(1, 2)"] = _mha(sd, x, num_heads, split_transpose=pair)
        role = {"W_query": "queries", "W_key": "keys", "W_value": "values"}
        for name in role:
            for other in role:
                if other != name:
                    mistakes[f"your {role[name]} come from self.{other}; compute them with "
                             f"self.{name}(x)"] = _mha(sd, x, num_heads, source={name: other})
        mistakes["your scores are the transpose of queries @ keys.transpose(2, 3): the "
                 "queries and keys are swapped (queries from self.W_key and keys from "
                 "self.W_query, or the product written keys @ queries.transpose(2, 3)), so "
                 "query i is scored against key j as if it were j against i; compute "
                 "queries = self.W_query(x), keys = self.W_key(x), then queries @ "
                 "keys.transpose(2, 3)"] = _mha(sd, x, num_heads,
                                                source={"W_query": "W_key", "W_key": "W_query"})
        for a, b_ in (("W_key", "W_value"), ("W_query", "W_value")):
            mistakes[f"your {role[a]} and {role[b_]} are swapped: the {role[a]} come from "
                     f"self.{b_} and the {role[b_]} from self.{a}; compute the {role[a]} "
                     f"with self.{a}(x) and the {role[b_]} with self.{b_}(x)"] = _mha(
                sd, x, num_heads, source={a: b_, b_: a})
        t = x.shape[1]
        visible = torch.tril(torch.ones(t, t, dtype=torch.bool))
        mistakes.update({
            f"your softmax runs in {low_name} and its weights are cast back (the scores "
            f"cast with .to(torch.{low_name}){' or .half()' * (low_name == 'float16')} or a "
            "softmax with dtype=, to save memory?), so every weight carries "
            f"{low_name} rounding (about {torch.finfo(low).eps:.0e} of its size); take the "
            "softmax in the scores' own dtype, torch.softmax(attn_scores / "
            "self.head_dim**0.5, dim=-1)" + (" (the scores were cast before the scaling)"
                                             if early else ""):
                _mha(sd, x, num_heads, softmax_cast=(low, early))
            for low, low_name in ((torch.float16, "float16"), (torch.bfloat16, "bfloat16"))
            for early in (False, True)})
        mistakes.update({
            f"you divided the scores by head_dim = {d_out // num_heads} (or scaled twice by "
            "sqrt(head_dim), say the queries and then the scores, which is the same); divide "
            f"them once by its square root, sqrt(head_dim) = {(d_out // num_heads) ** 0.5:.4g}":
                _mha(sd, x, num_heads, scale="head_dim_no_sqrt"),
            "you zeroed the future weights after the softmax, so each row no longer sums to 1 "
            "(the first token's weight on itself is below 1): fill the future scores with "
            "-torch.inf before the softmax": _mha(sd, x, num_heads, mask_after=True),
            "you scaled after the softmax (softmax(scores) / sqrt(head_dim), or the values "
            "divided by sqrt(head_dim), which gives the same output); divide the scores by "
            "sqrt(head_dim) before the softmax, so each row still sums to 1":
                _mha(sd, x, num_heads, scale_after=True),
            "you applied out_proj to the values before the split into heads (or otherwise "
            "before the weighted sum), so it mixes the heads' features before each head "
            "attends; the first token still matches because it attends only to itself. Apply "
            "self.out_proj once, to the merged context vectors at the end":
                _mha(sd, x, num_heads, values_out_proj=True),
            "you averaged the attention weights over the heads (a mean over dim 1), so every "
            "head uses the same pattern; keep one (num_tokens, num_tokens) pattern per head: "
            "attn_weights is (b, num_heads, num_tokens, num_tokens)":
                _mha(sd, x, num_heads, head_mean=True),
            "you applied out_proj twice (self.out_proj(self.out_proj(...)), or once more on "
            "its own output); apply it once, to the merged context vectors":
                torch.nn.functional.linear(_mha(sd, x, num_heads), sd["out_proj.weight"],
                                           sd["out_proj.bias"]),
            "every token's context vector is the plain SUM of all the values, its own future "
            "included (the attention weights never weight them): the weighted sum does not "
            "contract the weights' key index with the values' token index. In an einsum both "
            "must be the same letter, 'bhqk,bhkd->bhqd' (a letter that appears once, as in "
            "'bhqk,bhvd->bhqd', is summed on its own); or write attn_weights @ values":
                _mha(sd, x, num_heads, weights_map=torch.ones_like),
            "your weighted sum uses the attention weights transposed (attn_weights.transpose(2, "
            "3) @ values, or an einsum 'bhqk,bhqd->bhkd' that sums over the queries), so "
            "token i gets the values of the queries that attend to it, future ones included; "
            "compute attn_weights @ values ('bhqk,bhkd->bhqd')":
                _mha(sd, x, num_heads, weights_map=lambda w: w.transpose(2, 3)),
            "you merged the heads in reverse order (the last head's features first, a flip "
            "over the heads' dimension); merge head 0 first: transpose(1, 2), then view":
                _mha(sd, x, num_heads, flip_heads=True),
            "every output is the right one plus out_proj.bias: you added out_proj's bias a "
            "second time (self.out_proj(context_vec) already adds it); return "
            "self.out_proj(context_vec) as it is": _mha(sd, x, num_heads) + sd["out_proj.bias"],
            f"every output is the right one plus {num_heads - 1} times out_proj.bias: you "
            f"applied out_proj's bias once per head ({num_heads} heads), as when each head's "
            "slice goes through F.linear(head, out_proj.weight[:, slice], out_proj.bias) and "
            "the results are summed; the bias belongs once to the merged vector: merge the "
            "heads, then self.out_proj(context_vec)":
                _mha(sd, x, num_heads) + (num_heads - 1) * sd["out_proj.bias"],
            "your out_proj multiplies by its weight without transposing it (context @ "
            "out_proj.weight); nn.Linear computes x @ weight.T + bias: call self.out_proj("
            "context_vec)": _mha({**sd, "out_proj.weight": sd["out_proj.weight"].T}, x,
                                 num_heads),
            "you merged the heads with .contiguous().view(b, num_tokens, d_out) without "
            "transpose(1, 2) first, which mixes tokens and heads: transpose (b, num_heads, "
            "num_tokens, head_dim) back to (b, num_tokens, num_heads, head_dim), then view":
                _mha(sd, x, num_heads, merge=None),
            **{(f"your module splits into {h} heads, not num_heads={num_heads}: is the head "
                "count fixed in your code (the book's 2?); use self.num_heads = num_heads and "
                "head_dim = d_out // num_heads" if h != d_out // num_heads else
                f"your module splits into {h} heads of {d_out // h} features, not num_heads="
                f"{num_heads} heads of head_dim={d_out // num_heads}: that is d_out // "
                "num_heads heads of num_heads features, the head count and the head size "
                f"are swapped (self.num_heads = d_out // num_heads?), unless {h} heads are "
                "fixed in your code; use self.num_heads = num_heads and self.head_dim = "
                "d_out // num_heads"):
                _mha(sd, x, num_heads, heads=h)
               for h in range(1, d_out + 1) if d_out % h == 0 and h != num_heads},
        })
        mistakes["your mask hides the PAST keys and leaves the future visible (a transposed "
                 "mask, .T, or tril): the book's mask is torch.triu(..., diagonal=1), applied "
                 "as masked_fill(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)"] = \
            _mha(sd, x, num_heads, hidden=torch.tril(torch.ones(t, t, dtype=torch.bool), -1))
        mistakes["you never hide the future keys: apply masked_fill(self.mask.bool()"
                 "[:num_tokens, :num_tokens], -torch.inf) to the scores before the softmax "
                 "and keep its result (attn_scores = attn_scores.masked_fill(...): "
                 "masked_fill returns a new tensor)"] = \
            _mha(sd, x, num_heads, hidden=torch.zeros(t, t, dtype=torch.bool))
        for cycle in (("W_query", "W_key", "W_value"), ("W_query", "W_value", "W_key")):
            src = {a: cycle[(i + 1) % 3] for i, a in enumerate(cycle)}
            mistakes["all three projections are rotated: " + ", ".join(
                f"{role[a]} from self.{src[a]}" for a in role) + "; compute queries = "
                "self.W_query(x), keys = self.W_key(x), values = self.W_value(x)"] = _mha(
                sd, x, num_heads, source=src)
        mistakes.update({
            "two slips that partly cancel: the values are split with view(b, num_heads, "
            "num_tokens, head_dim) without transpose, and the heads are merged with a plain "
            ".view(b, num_tokens, d_out) without transpose(1, 2); split with view(b, "
            "num_tokens, num_heads, head_dim).transpose(1, 2) and merge with transpose(1, 2) "
            "then view": _mha(sd, x, num_heads, split_transpose=("W_value",), merge=None),
            "two slips that mirror each other: the queries, keys and values are split with "
            "view(b, num_heads, num_tokens, head_dim) without transpose, and the heads are "
            "merged with a plain .view(b, num_tokens, d_out) without transpose(1, 2), so each "
            "'head' holds pieces of several tokens and the causal mask hides the wrong "
            "pieces; split with view(b, num_tokens, num_heads, head_dim).transpose(1, 2) and "
            "merge with transpose(1, 2), then .contiguous().view(b, num_tokens, d_out)":
                _mha(sd, x, num_heads, split_transpose=False, merge=None),
            "two slips: the mask is transposed (it hides the past) and the softmax runs over "
            "the queries (dim=-2); hide the future with masked_fill(self.mask.bool()"
            "[:num_tokens, :num_tokens], -torch.inf) and take the softmax over dim=-1": _mha(
                sd, x, num_heads, hidden=torch.tril(torch.ones(t, t, dtype=torch.bool), -1),
                softmax_dim=-2),
            "your attention weights are averaged over the batch (a mean over dim 0), so every "
            "sequence uses the same weights; each sequence needs its own (b, num_heads, "
            "num_tokens, num_tokens) weights": _mha(
                sd, x, num_heads, weights_map=lambda w: w.mean(0, keepdim=True)),
            "the queries and keys are split interleaved (view(b, num_tokens, head_dim, "
            "num_heads) and a permute: head h scores features h, h + num_heads, ...) while "
            "the values are split in blocks; split all three with view(b, num_tokens, "
            "num_heads, head_dim).transpose(1, 2)": _mha(
                sd, x, num_heads, split_transpose={"W_query": "interleaved",
                                                   "W_key": "interleaved"}),
        })
        hd = d_out // num_heads
        for name in role:  # a per-head loop indexing [:, 0] where [:, h] belongs
            head0 = {f"{name}.weight": sd[f"{name}.weight"][:hd].repeat(num_heads, 1)}
            if f"{name}.bias" in sd:
                head0[f"{name}.bias"] = sd[f"{name}.bias"][:hd].repeat(num_heads)
            mistakes[f"every head uses head 0's {role[name]} (the other heads' outputs differ, "
                     f"head 0's is right): in a loop over the heads, {role[name]}[:, 0] where "
                     f"{role[name]}[:, h] belongs?; each head h uses its own slice"] = _mha(
                {**sd, **head0}, x, num_heads)
        for name in ("W_query", "W_value"):  # the keys' bias shifts a row's scores equally
            if f"{name}.bias" in sd:
                mistakes[f"your {role[name]} leave out self.{name}'s bias (x @ self.{name}."
                         f"weight.T, or F.linear without the bias, with qkv_bias=True): call "
                         f"the layer, self.{name}(x), which adds it"] = _mha(
                    {**sd, f"{name}.bias": torch.zeros_like(sd[f"{name}.bias"])}, x, num_heads)
        zero_scale = ("your scores are multiplied by 0, so every visible key gets the same "
                      "weight: a scale of 1 // sqrt(head_dim) (floor division, = 0) or int(1 / "
                      "sqrt(head_dim)) = 0?; divide by self.head_dim ** 0.5")
        mistakes[zero_scale] = _mha(sd, x, num_heads, scale=1e30)
        mistakes[zero_scale + " (the hidden scores are -inf, and -inf * 0 is NaN: the rows "
                 "with a hidden key are NaN)"] = _mha(sd, x, num_heads, scale=float("inf"))
        if x.shape[0] > 1:
            mistakes["every sequence of the batch gets the output of sequence 0 (x[0] where "
                     "x[i] belongs, in a loop over the batch?); each sequence's output comes "
                     "from its own input"] = _mha(sd, x[:1], num_heads).expand_as(ref(x))
        if got.shape == (x.shape[1], x.shape[0], d_out) and x.shape[0] != x.shape[1]:
            raise CheckFailure(f"{what}: your output has shape {tuple(got.shape)}, (num_tokens, "
                               "b, d_out): you unpacked x.shape as (num_tokens, b, d_in); x is "
                               "(b, num_tokens, d_in), so b, num_tokens, d_in = x.shape")
        if not torch.isfinite(got).all() and _close(
                got.nan_to_num(-1.0), _mha(sd, x, num_heads, softmax_dim=1).nan_to_num(-1.0)):
            raise CheckFailure(f"{what}: some outputs are NaN: your softmax runs over dim=1, "
                               "the heads (attn_scores is (b, num_heads, num_tokens, "
                               "num_tokens)); a future key is -inf in every head, so its "
                               "softmax over the heads is NaN; apply it over the keys, dim=-1")
        if not torch.isfinite(got).all():
            book = torch.triu(torch.ones(context_length, context_length, dtype=torch.bool), 1)
            if t < context_length and _close(got.nan_to_num(-1.0), _mha(
                    sd, x, num_heads, hidden=book[:t, -t:]).nan_to_num(-1.0)):
                raise CheckFailure(
                    f"{what}: some outputs are NaN for an input of {t} tokens, shorter than the "
                    f"context ({context_length}): you cut the mask as self.mask[:num_tokens, "
                    "-num_tokens:], its top-right corner, which hides other keys than the "
                    "causal ones (every key of the first queries, hence the NaN); it is right "
                    "only when the input fills the context. Take the top-left corner: "
                    "self.mask.bool()[:num_tokens, :num_tokens]")
            inverted = _mha(sd, x, num_heads, hidden=visible)
            if _close(got.nan_to_num(-1.0), inverted.nan_to_num(-1.0)):
                raise CheckFailure(f"{what}: some outputs are NaN: your mask hides each token "
                                   "itself and its past and leaves the future visible "
                                   "(masked_fill where mask == 0, or ~mask), so the last "
                                   "token's row is all -inf; the book's mask holds 1 where a "
                                   "key is hidden: masked_fill(self.mask.bool()[:num_tokens, "
                                   ":num_tokens], -torch.inf)")
        inverted = _mha(sd, x, num_heads, hidden=visible)
        if torch.isfinite(got).all() and got.shape == inverted.shape and \
                _close(got[:, :-1], inverted[:, :-1]):  # the last row of the replay is NaN
            raise CheckFailure(f"{what}: your mask is inverted: every token but the last "
                               "gets the output of attending only to its FUTURE keys (itself "
                               "and its past hidden). The book's mask holds True where a key "
                               "is hidden: masked_fill(self.mask.bool()[:num_tokens, "
                               ":num_tokens], -torch.inf); given to scaled_dot_product_"
                               "attention as attn_mask it is read the other way (True = may "
                               "attend), so pass ~mask there, or is_causal=True")
        if got.numel() and bool(torch.isnan(got).all()):
            one = _try_call(mine, torch.zeros(1, 1, x.shape[-1])) if not qkv_bias else None
            if isinstance(one, torch.Tensor) and bool(torch.isfinite(one).all()):
                raise CheckFailure(
                    f"{what}: every output is NaN, but one token of zeros (its score exactly "
                    "0) gives finite outputs: the NaN comes from the values of the scores, "
                    "not from the mask: a step undefined for negative scores, such as a "
                    "square root or power of the scores ((attn_scores / head_dim) ** 0.5, "
                    "parentheses misplaced) or a log; divide the scores by the square root "
                    "of head_dim alone, attn_scores / self.head_dim ** 0.5")
            raise CheckFailure(f"{what}: every output is NaN, even the first token's, which "
                               "attends only to itself: NaN reached every row of the scores. "
                               "An additive mask, attn_scores + mask * -torch.inf, does exactly "
                               "this: 0 * -inf is NaN, so every visible key's score becomes NaN "
                               "too; hide the future with attn_scores.masked_fill(self.mask."
                               "bool()[:num_tokens, :num_tokens], -torch.inf)")
        cause = None if _close(got, ref(x)) else likely_cause(
            got, {k: v for k, v in mistakes.items() if v is not None})
        if cause:
            raise CheckFailure(f"{what}: {cause}")
        changed = x.clone()
        cut = x.shape[1] // 2
        changed[:, cut:] += 1.0
        try:
            later = mine(changed)
        except Exception as err:  # noqa: BLE001 - the first call worked: a fresh module decides
            torch.manual_seed(123)
            fresh = _try_call(impl(**kwargs).eval(), changed)
            if not isinstance(fresh, torch.Tensor):
                raise
            raise CheckFailure(
                f"{what}: the first call works, but a second call on the same module, with an "
                f"input of the same shape, fails ({type(err).__name__}: "
                f"{str(err).splitlines()[0]}), while a freshly built module takes that input: "
                "your forward keeps tensors from an earlier call on self (keys and values "
                "appended to a cache that is always on and never reset, or a size or mask "
                "stored on self); compute everything from x in every call") from None
        if got.shape == x.shape[:2] + (d_out,) and later.shape == got.shape and \
                _max_diff(got[:, :cut], later[:, :cut]) > 1e-5:
            raise CheckFailure(f"{what}: changing the later tokens changed the outputs of the "
                               "earlier ones: future tokens leak. Either the causal mask is not "
                               "applied to the scores before the softmax, a step sums or "
                               "normalises over the queries (dim=-2, which mixes later rows "
                               "into earlier ones), or a view/transpose mixes tokens (compare "
                               "your split and merge of the heads with "
                               "view(b, num_tokens, num_heads, head_dim).transpose(1, 2) and "
                               f"its inverse).{_mha_where(got, sd, x, num_heads)}")
        assert_close(got, ref(x), what=f"the output {what}", atol=1e-5,
                     hint="" if _close(got, ref(x)) else (
                         _mha_scale_hint(got, sd, x, num_heads, second)
                         or _mha_fallback(got, ref(x), sd, x, num_heads)))
        other = x.flip(1) * 0.5  # the same shape, other numbers
        again = _try_call(mine, other)
        if isinstance(again, torch.Tensor) and not _close(again, ref(other)):
            torch.manual_seed(123)
            fresh = _try_call(impl(**kwargs).eval(), other)
            if isinstance(fresh, torch.Tensor) and _close(fresh, ref(other)):
                raise CheckFailure(f"{what}: the first call is right, but a second call on the "
                                   "same module with another input of the same shape is "
                                   "not, while a freshly built module gets it right: "
                                   "your forward keeps tensors from an earlier call "
                                   "(queries, keys, values or scores stored on self and reused "
                                   "while the shape matches?); compute them from x in every "
                                   "call")
        short = x[:, :2]
        again = call_answer(mine, (short,), f"{what}, then on its first 2 tokens (a later "
                            "call on the same module)", [
            ("must match the size", "The first call worked: your forward keeps something "
             "from an earlier call (a mask cut to the first input's length and stored on "
             "self?); slice self.mask to [:num_tokens, :num_tokens] in every call.")])
        if not _close(_tensor(again, what), ref(short)):
            torch.manual_seed(123)
            fresh = impl(**kwargs).eval()
            if not _close(_tensor(fresh(short), what), ref(short)):
                hd = d_out // num_heads
                cause = likely_cause(again, {
                    f"you divided the scores by sqrt(num_tokens): keys.shape[-1] after "
                    f"transpose(2, 3) is num_tokens (here {x.shape[1]} = head_dim, which hid "
                    f"it); divide by sqrt(head_dim) = sqrt({hd}), self.head_dim ** 0.5":
                        _mha(sd, short, num_heads, scale="num_tokens"),
                }) or ("so something in your forward depends on the number of tokens where "
                       "the book's does not (a size read from the wrong dimension?)")
                raise CheckFailure(f"{what}: the output is right, but for its first 2 tokens "
                                   "it is not, even on a freshly built module (so nothing is "
                                   f"kept between calls); the two inputs differ only in the "
                                   f"number of tokens ({x.shape[1]} and 2): {cause}")
            raise CheckFailure(f"{what}: the first calls are right, but a later call on the same "
                               "module with the first 2 tokens is not: your forward keeps "
                               "something from an earlier call (a mask or tensor stored on "
                               "self); compute it from x in every call")
    if not torch.equal(mine.state_dict()["mask"], ref.state_dict()["mask"]):
        now, book = mine.state_dict()["mask"], ref.state_dict()["mask"]
        n = now.shape[-1] if now.dim() == 2 and now.shape[0] == now.shape[-1] else None
        if n is not None and n < book.shape[0] and torch.equal(now, book[:n, :n]):
            # the buffer itself was replaced by its top-left corner: a longer input decides
            longer = x.new_zeros(1, book.shape[0], x.shape[-1])
            crash = ""
            try:
                mine(longer)
            except Exception as err:  # noqa: BLE001 - its text is the evidence
                crash = f" (a later input of {book.shape[0]} tokens then fails: " \
                        f"{type(err).__name__}: {str(err).splitlines()[0]})"
            raise CheckFailure(
                f"{call}: the mask buffer is right when the module is built, but after forward "
                f"it is the {n} x {n} corner of the book's {book.shape[0]} x {book.shape[0]} "
                f"mask, {n} being the last input's number of tokens{crash}: your forward "
                "assigns the sliced mask back to self.mask (self.mask = self.mask[:num_tokens, "
                ":num_tokens]), which replaces the buffer, so the module forgets the rest of "
                "its context and its state_dict no longer matches the book's; keep the slice "
                "in a local variable, mask_bool = self.mask.bool()[:num_tokens, :num_tokens]")
        raise CheckFailure(f"{call}: the mask buffer is right when the module is built, but "
                           f"after forward it holds {sorted(set(now.flatten().tolist()))[:4]} "
                           "instead of the book's 0s and 1s: your forward writes into "
                           "self.mask in place (a slice such as self.mask[:n, :n] is a view of "
                           "the buffer, so mask[mask == 1] = -inf or masked_fill_ on it changes "
                           "the saved state_dict); build a new tensor, attn_scores.masked_fill("
                           "self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)")


_SCALE_READINGS = (  # (name, value) of a divisor, from (d_out, num_heads, d_in, num_tokens)
    (lambda d, h, i, t: f"sqrt(d_out) / num_heads = sqrt({d}) / {h}",
     lambda d, h, i, t: d ** 0.5 / h),
    (lambda d, h, i, t: f"d_out / num_heads ** 2 = {d} / {h} ** 2",
     lambda d, h, i, t: d / h ** 2),
    (lambda d, h, i, t: f"sqrt(head_dim) * num_heads = sqrt({d // h}) * {h}",
     lambda d, h, i, t: (d // h) ** 0.5 * h),
    (lambda d, h, i, t: f"d_out // num_heads ** 0.5 = {d} // sqrt({h}) (** binds before //: "
     "write (d_out // num_heads) ** 0.5)",
     lambda d, h, i, t: float(d // h ** 0.5)),
    (lambda d, h, i, t: f"head_dim ** 0.25 = {d // h} ** 0.25 (a square root taken twice)",
     lambda d, h, i, t: (d // h) ** 0.25),
    (lambda d, h, i, t: f"sqrt(head_dim + 1) = sqrt({d // h + 1})",
     lambda d, h, i, t: (d // h + 1) ** 0.5),
    (lambda d, h, i, t: f"sqrt(d_out + d_in) = sqrt({d} + {i})", lambda d, h, i, t: (d + i) ** 0.5),
    (lambda d, h, i, t: f"sqrt(num_tokens * head_dim) = sqrt({t} * {d // h})",
     lambda d, h, i, t: (t * (d // h)) ** 0.5),
    (lambda d, h, i, t: f"d_out = {d}", lambda d, h, i, t: float(d)),
    (lambda d, h, i, t: f"d_in = {i}", lambda d, h, i, t: float(i)),
    (lambda d, h, i, t: f"1 / sqrt(head_dim) = 1 / sqrt({d // h}): you MULTIPLIED by "
     "sqrt(head_dim)", lambda d, h, i, t: (d // h) ** -0.5),
)


def _fit_scale(got, sd, x, num_heads):
    """The divisor of the scores that turns the reference into ``got`` (a grid over 0.05..200,
    then a finer search), or None when no divisor does."""
    import math

    d_out = sd["W_query.weight"].shape[0]
    if got.shape != (x.shape[0], x.shape[1], d_out) or not torch.isfinite(got).all():
        return None

    def err(c):
        return _max_diff(got, _mha(sd, x, num_heads, scale=c))

    logs = [math.log(0.05) + i * (math.log(200) - math.log(0.05)) / 80 for i in range(81)]
    lo = min(logs, key=lambda v: err(math.exp(v)))
    step = logs[1] - logs[0]
    a, b = lo - step, lo + step
    for _ in range(40):  # golden-section search on log(c)
        m1, m2 = b - 0.618 * (b - a), a + 0.618 * (b - a)
        if err(math.exp(m1)) < err(math.exp(m2)):
            b = m2
        else:
            a = m1
    c = math.exp((a + b) / 2)
    return None if err(c) > 1e-5 else c


def _mha_scale_hint(got, sd, x, num_heads, second=None):
    """Name the divisor of the scores when ``got`` is the reference with another scale; a
    reading of it is named only when it also fits ``second()`` (the answer's (output, state
    dict, input, num_heads) for other sizes), where given."""
    d_out = sd["W_query.weight"].shape[0]
    hd, d_in, t = d_out // num_heads, x.shape[-1], x.shape[1]
    c = _fit_scale(got, sd, x, num_heads)
    if c is None or abs(c - hd ** 0.5) < 1e-3:
        return ""
    sizes = (d_out, num_heads, d_in, t)
    names = [(name, value) for name, value in _SCALE_READINGS
             if abs(c - value(*sizes)) <= 1e-3 * value(*sizes)]
    other = second() if names and second is not None else None
    if other is not None:  # confirm on other sizes: one configuration can match by chance
        got2, sd2, x2, h2 = other
        sizes2 = (sd2["W_query.weight"].shape[0], h2, x2.shape[-1], x2.shape[1])
        names = [(name, value) for name, value in names
                 if got2.shape == (x2.shape[0], x2.shape[1], sizes2[0])
                 and _max_diff(got2, _mha(sd2, x2, h2, scale=value(*sizes2))) <= 1e-5]
    name = names[0][0](*sizes) if names else None
    return (f"Everything but the scale matches: your scores are divided by {c:.4g}"
            + (f", which is {name}" if name else "") + f", not by sqrt(head_dim) = sqrt({hd}) = "
            f"{hd ** 0.5:.4g} (head_dim = d_out // num_heads = {d_out} // {num_heads}); divide "
            "the scores by self.head_dim ** 0.5.")


def _mha_where(got, sd, x, num_heads):
    """Map ``got`` back through out_proj (a square, invertible matrix) to the merged context
    vectors and say which heads and tokens differ from the reference's there."""
    d_out = sd["out_proj.weight"].shape[0]
    if got.shape != (x.shape[0], x.shape[1], d_out) or not bool(torch.isfinite(got).all()):
        return ""
    w, bias = sd["out_proj.weight"].double(), sd["out_proj.bias"].double()
    mine = torch.linalg.solve(w, (got.double() - bias).transpose(-1, -2)).transpose(-1, -2)
    ref = _mha(sd, x, num_heads, out_proj=False).double()
    b, t, _ = ref.shape
    off = (mine - ref).abs().view(b, t, num_heads, d_out // num_heads).amax(dim=(0, 3)) > 1e-4
    if not off.any():
        return (" Mapped back through out_proj, your merged context vectors are right: the "
                "difference comes from out_proj itself or a step after it (its weight or bias "
                "changed, another layer or term added to its output?).")
    heads = [h for h in range(num_heads) if off[:, h].any()]
    tokens = [i for i in range(t) if off[i].any()]
    ratio = mine[:, tokens[0]] / ref[:, tokens[0]]
    factor = float(ratio.mean())
    named = (" = num_heads" if abs(factor - num_heads) < 1e-3 else
             " = 1 / num_heads" if abs(factor - 1 / num_heads) < 1e-3 else "")
    scaled = (f" (token {tokens[0]}'s context is exactly {factor:.4g}{named} times the expected "
              "one: a scale or an extra term proportional to the values?)"
              if bool(torch.isfinite(ratio).all()) and abs(factor - 1) > 1e-3
              and float((ratio - factor).abs().max()) < 1e-4 * abs(factor) else "")
    return (f" Mapped back through out_proj, your merged context vectors (before out_proj) "
            f"differ in head(s) {heads} of {num_heads} and at token(s) {tokens} of {t}{scaled}"
            + (": the heads differ unequally, so look at what is done per head (the split "
               "into heads, a slice or index over dim 1)." if len(heads) < num_heads else ".")
            + _mha_implied_weights(mine, sd, x, num_heads))


def _mha_implied_weights(merged, sd, x, num_heads):
    """Solve the merged context vectors ``merged`` for the attention weights that would give
    them, and say how the first differing row of weights differs from the book's (its sum,
    the future's share and the fill it implies, the scores it implies). Each head's value
    vectors are independent only for head_dim >= num_tokens; otherwise the first head_dim
    tokens are solved alone (for a causal answer their outputs use only their own keys)."""
    import torch.nn.functional as F

    b, t, d_out = merged.shape
    hd = d_out // num_heads
    cut = ""
    if hd < t:
        if hd < 2:
            return ""
        t, x, merged = hd, x[:, :hd], merged[:, :hd]
        cut = f" (solved on the first {hd} tokens, as head_dim = {hd} < num_tokens)"
    values = F.linear(x, sd["W_value.weight"], sd.get("W_value.bias")).double()
    values = values.view(b, t, num_heads, hd).transpose(1, 2)  # (b, heads, t, hd)
    ctx = merged.view(b, t, num_heads, hd).transpose(1, 2)
    sol = torch.linalg.lstsq(values.transpose(-1, -2), ctx.transpose(-1, -2)).solution
    weights = sol.transpose(-1, -2)  # (b, heads, t queries, t keys)
    if float((weights @ values - ctx).abs().max()) > 1e-4:
        return (" Your context vectors are not a weighted sum of each head's value vectors"
                + (f" over keys 0..{t - 1}{cut}: the first tokens use later keys (a leak), or "
                   if cut else " ") + "(no weights reproduce them): look between the value "
                "projection and the merge (the values used, a term added to the context "
                "vectors).")
    q = F.linear(x, sd["W_query.weight"], sd.get("W_query.bias")).double()
    k = F.linear(x, sd["W_key.weight"], sd.get("W_key.bias")).double()
    q, k = (y.view(b, t, num_heads, hd).transpose(1, 2) for y in (q, k))
    future = torch.triu(torch.ones(t, t, dtype=torch.bool), 1)
    scaled = (q @ k.transpose(2, 3) / hd ** 0.5).masked_fill(future, -torch.inf)
    ref = torch.softmax(scaled, -1)
    off = (weights - ref).abs().amax(-1) > 1e-4  # (b, heads, t)
    if not off.any():
        return (f" Solved on the first {t} tokens (head_dim = {hd} < num_tokens), your "
                "attention weights are the book's there, so the difference starts at a later "
                "token: a step that acts only from some position or distance on (a window that "
                "hides keys far back, a term that grows with the position, a size read from "
                "the number of tokens?)." if cut else "")
    s, h, _ = (int(v) for v in off.nonzero()[0])
    i = int(off[s, h].nonzero()[-1])  # the last query of that head: it sees the most keys
    row, want = weights[s, h, i], ref[s, h, i]
    fmt = ", ".join
    text = (f" Solved for the attention weights that give your context vectors, sequence {s}, "
            f"head {h}, query {i}{cut} has weights [{fmt(f'{v:.3g}' for v in row)}], expected "
            f"[{fmt(f'{v:.3g}' for v in want)}]")
    total, ahead = float(row.sum()), float(row[i + 1:].abs().sum())
    if ahead > 1e-4:
        fill = ""
        if bool((row > 0).all()):  # the future's implied scaled scores, from key i's weight
            implied = torch.log(row[i + 1:]) - torch.log(row[i]) + scaled[s, h, i, i]
            past = torch.log(row[: i + 1]) - torch.log(row[i]) + scaled[s, h, i, i]
            if float((implied - implied.mean()).abs().max()) < 1e-3 and \
                    float((past - scaled[s, h, i, : i + 1]).abs().max()) < 1e-3:
                c = float(implied.mean())
                fill = (f"; the past weights are right and every future key has the same "
                        f"scaled score, {c:.4g} ({c * hd ** 0.5:.4g} before the division by "
                        f"sqrt(head_dim)): a finite fill (masked_fill with a number such as "
                        f"{c * hd ** 0.5:.3g} instead of -torch.inf) or a clamp of the scores "
                        "after the mask, which turns -inf into a finite bound")
        return text + (f": the future keys {i + 1}..{t - 1} get {ahead:.3g} of the weight, so "
                       "the causal mask is missing or wrong for this row" + fill + ".")
    if abs(total - 1) > 1e-4:
        seen = want > 1e-6  # the visible keys
        got_v, want_v = row[seen], want[seen]

        def spread(v):  # how far a would-be common factor, power or offset varies
            return float((v - v.mean()).abs().max()) if v.numel() > 1 else 1.0

        power = torch.log(got_v.clamp_min(1e-300)) / torch.log(want_v) \
            if bool((got_v > 0).all() and (want_v < 1 - 1e-9).all()) else torch.zeros(0)
        how = (f": every visible weight is the book's times {float((got_v / want_v).mean()):.4g}"
               " (a factor applied to the weights after the softmax)"
               if spread(got_v / want_v) < 1e-3 else
               f": every visible weight is the book's to the power {float(power.mean()):.3g} "
               "(the weights raised to a power after the softmax and not renormalised)"
               if power.numel() > 1 and spread(power) < 1e-3 else
               f": every visible weight is the book's plus {float((got_v - want_v).mean()):.3g} "
               "(a term added to the weights after the softmax)"
               if spread(got_v - want_v) < 1e-4 else
               " (a step after the softmax rescales or shifts them, or the softmax is not over "
               "the keys, dim=-1)")
        return text + f": they sum to {total:.4g}, not 1{how}."
    dropped = [j for j in range(i + 1) if abs(float(row[j])) < 1e-5 < float(want[j]) - 1e-3]
    if dropped:
        return text + (f": they sum to 1 and hide the future, but key(s) {dropped}, "
                       f"{fmt(str(i - j) for j in dropped)} token(s) before query {i}, get no "
                       "weight although they are visible: your mask or scores hide more than "
                       "the future (a window that hides keys far back, a mask with a diagonal "
                       "other than 1, or a mask slice taken from the wrong place?); hide "
                       "exactly the keys after each query, self.mask.bool()[:num_tokens, "
                       ":num_tokens].")
    if bool((row[: i + 1] > 0).all()) and i > 0:
        implied = torch.log(row[: i + 1]) - torch.log(row[i])  # scores relative to key i
        expected = scaled[s, h, i, : i + 1] - scaled[s, h, i, i]
        diff, ratio = implied - expected, implied[:-1] / expected[:-1]
        steps = diff[:-1] / torch.arange(i, 0, -1, dtype=diff.dtype)  # per unit of distance
        pattern = (f": your scaled scores are the book's times {float(ratio.mean()):.4g} (a "
                   "different divisor of queries @ keys.transpose(2, 3))"
                   if i > 1 and float((ratio - ratio.mean()).abs().max()) < 1e-3 else
                   f": the difference is {float(steps.mean()):.4g} per token of distance "
                   "between query and key, a term added by position (a bias of your own on "
                   "the scores)" if i > 1 and float((steps - steps.mean()).abs().max()) < 1e-3
                   else f": every earlier key is {float(-diff[:-1].mean()):.4g} lower relative "
                   f"to the query's own key than in the book, so your query's own score (the "
                   f"diagonal of the scores) gets an extra {float(-diff[:-1].mean()):.4g} after "
                   f"the scaling ({float(-diff[:-1].mean()) * hd ** 0.5:.4g} before the "
                   "division by sqrt(head_dim)): a term added on the diagonal (torch.eye, or "
                   "each token's own score counted twice?); the scores are queries @ "
                   "keys.transpose(2, 3) alone" if i > 1 and float(
                       (diff[:-1] - diff[:-1].mean()).abs().max()) < 1e-3
                   and float(diff[:-1].abs().mean()) > 1e-3 else "")
        return text + (f": they sum to 1 and hide the future, so the scores differ: relative "
                       f"to key {i}, yours imply [{fmt(f'{v:.3g}' for v in implied)}], the "
                       f"book's scaled scores give [{fmt(f'{v:.3g}' for v in expected)}], "
                       f"yours minus the book's [{fmt(f'{v:.3g}' for v in diff)}]"
                       + (pattern or " (look at how your scores are computed and scaled)")
                       + ".")
    return text + "."


def _mha_fallback(got, expected, sd=None, x=None, num_heads=None):
    """Where the outputs part, when no known mistake explains them: the first token attends
    only to itself, so its output tests the values, the merge and out_proj alone; with the
    weights ``sd`` the output is mapped back through out_proj (a square, invertible matrix) to
    the merged context vectors, which tells which heads and tokens differ before it."""
    if got.shape != expected.shape:
        return (f"Your output has shape {tuple(got.shape)}, expected (b, num_tokens, d_out) = "
                f"{tuple(expected.shape)}.")
    where = _mha_where(got, sd, x, num_heads) if sd is not None else ""
    if not bool(torch.isfinite(got).all()):
        bad = ~torch.isfinite(got)
        tokens = sorted({int(i) for i in bad.nonzero()[:, 1]})
        where = (f" {int(bad.sum())} of your {got.numel()} outputs are NaN or inf, at "
                 f"token(s) {tokens}: a row of the scores all -inf (every key of a query "
                 "hidden), 0 * inf, or an overflow in a hand-written softmax.")
        if 0 in tokens and tokens == list(range(got.shape[1] - 1)) and x is not None and \
                x.shape[1] == got.shape[1]:  # the last query hides no key: -inf made the NaN
            return (f"{int(bad.sum())} of your {got.numel()} outputs are NaN or inf, at "
                    f"token(s) {tokens} of {got.shape[1]}: exactly the queries that hide at "
                    "least one key, while the last, which hides none, is finite: a step on "
                    "the masked scores turned their -inf into NaN (0 * inf, inf - inf, -inf / "
                    "inf: an additive mask * -inf, a normalisation such as a division by the "
                    "scores' norm or sum, or a shift after masking); after masked_fill, only "
                    "scale the scores and apply torch.softmax(..., dim=-1).")
        if 0 in tokens:  # NaN says more than "the first token differs"
            return (f"{int(bad.sum())} of your {got.numel()} outputs are NaN or inf, at "
                    f"token(s) {tokens} of {got.shape[1]}, the first token included, which "
                    "attends only to itself: for those queries every key was hidden (check "
                    "the rows of the mask slice you apply: row i must hide exactly the keys "
                    "after i, and row 0 keeps key 0), or a step on the masked scores turned "
                    "-inf into NaN (0 * inf, inf - inf, -inf / inf: an additive mask, a "
                    "normalisation or shift of the scores after masking), or exp overflowed "
                    "in a hand-written softmax.")
    if _close(got[:, 0], expected[:, 0]):
        return ("The first token's output is right (it attends only to itself, so its output "
                "is out_proj of its own value vector), the later tokens differ: look at the "
                "attention weights (the scores queries @ keys.transpose(2, 3), the scaling by "
                "sqrt(head_dim), the mask, the softmax over dim=-1) and at any step placed "
                "between the values and the weighted sum, which a token attending only to "
                "itself cannot reveal." + where)
    return ("Even the first token's output differs, although it attends only to itself: "
            "look at the value projection, the merge of the heads (transpose(1, 2), then view) "
            "and out_proj, and check that the first row of your attention weights is exactly "
            "[1, 0, 0, ...] (the mask applied before the softmax, the weights not rescaled "
            "after it)." + where)


def _check_mha_book(impl):
    batch = torch.stack((INPUTS, INPUTS))
    torch.manual_seed(123)
    book_mha = call_answer(lambda: impl(3, 2, 6, 0.0, num_heads=2), (),
                           "MultiHeadAttention(3, 2, 6, 0.0, num_heads=2), the book's call", [
        ("multiple values for argument", "The configurations above, built with keywords, "
         "pass; the book's call passes d_in, d_out, context_length and dropout by position: "
         "your constructor's parameters are in another order. Keep the book's order, "
         "(d_in, d_out, context_length, dropout, num_heads, qkv_bias=False).")])
    if not isinstance(book_mha, torch.nn.Module):
        raise CheckFailure("MultiHeadAttention(3, 2, 6, 0.0, num_heads=2) made a "
                           f"{type(book_mha).__name__}; subclass nn.Module")
    book_mha = book_mha.eval()
    biased = sorted(k for k in book_mha.state_dict()
                    if k.endswith(".bias") and k != "out_proj.bias")
    if biased:
        raise CheckFailure(f"MultiHeadAttention(3, 2, 6, 0.0, num_heads=2), qkv_bias left out, "
                           f"has {', '.join(biased)}: the default is qkv_bias=False, as in the "
                           "book's signature")
    book = torch.tensor([[0.3190, 0.4858], [0.2943, 0.3897], [0.2856, 0.3593],
                         [0.2693, 0.3873], [0.2639, 0.3928], [0.2575, 0.4028]])
    short = ("This input fills the whole context (num_tokens = context_length = 6), and one "
             "tensor holds 5 entries where the scores have 6: the mask piece you cut is 5 x 5, "
             "one short. A slice that starts after 0, self.mask[1:num_tokens + 1, ...] (equal "
             "to [:num_tokens, :num_tokens] only while the input is shorter than the context), "
             "runs off the end of the mask here; slice the mask [:num_tokens, :num_tokens].")
    with torch.no_grad():
        out = call_answer(book_mha, (batch,), "MultiHeadAttention(3, 2, 6, 0.0, num_heads=2) "
                          "on the book's (2, 6, 3) batch", [
            ("size of tensor a (5) must match the size of tensor b (6) at non-singleton "
             "dimension 3", short),
            ("size of tensor a (6) must match the size of tensor b (5) at non-singleton "
             "dimension 3", short)])
        assert_close(_tensor(out, "the book's example")[0], book,
                     what="the book's §3.6.2 output (seed 123)",
                     atol=1e-4, hint="The two configurations above pass; the book's "
                     "MultiHeadAttention(d_in=3, d_out=2, context_length=6, dropout=0.0, "
                     "num_heads=2) differs from them in head_dim = 1, an input as long as the "
                     "context (6 tokens) and a batch of two equal sequences: look for a size "
                     "read from the wrong dimension, scaling by sqrt(head_dim), the softmax "
                     "over dim=-1, and the merge with transpose(1, 2) before the view.")


def _check_mha_dropout(impl, x):
    from llmscratch import MultiHeadAttention

    kwargs = dict(d_in=6, d_out=8, context_length=9, dropout=0.5, num_heads=4)
    ref = MultiHeadAttention(**kwargs).eval()
    dropping = impl(**kwargs)
    resting = [name or "the module itself" for name, m in dropping.named_modules()
               if not m.training]
    if resting:
        raise CheckFailure(
            f"a freshly built MultiHeadAttention(dropout=0.5) is in eval mode ({resting[0]} has "
            "training=False): your __init__ calls self.eval(), .train(False) or eval() on a "
            "layer, so dropout stays off until the caller calls train(). Every nn.Module "
            "starts in training mode; leave the mode to the caller")
    keys, ref_keys = sorted(dropping.state_dict()), sorted(ref.state_dict())
    if keys != ref_keys:
        raise CheckFailure(f"with dropout=0.5 your state_dict holds {keys}, the book's "
                           f"{ref_keys}: use the same layers and buffer whatever the dropout")
    rates = {m.p for m in dropping.modules() if isinstance(m, torch.nn.Dropout)}
    if rates and rates != {0.5}:
        raise CheckFailure(f"asked for dropout=0.5, your module's dropout rates are "
                           f"{sorted(rates)}: pass the dropout argument to nn.Dropout")
    # 0.5 = 1 - 0.5 hides a keep probability passed as the rate: ask for 0.2 too
    rates = {m.p for m in impl(**{**kwargs, "dropout": 0.2}).modules()
             if isinstance(m, torch.nn.Dropout)}
    if rates and rates != {0.2}:
        raise CheckFailure(
            f"asked for dropout=0.2, your module's dropout rates are {sorted(rates)} (with "
            "dropout=0.5 they are [0.5])" + (
                ": 0.8 = 1 - 0.2, you passed the keep probability 1 - dropout; nn.Dropout(p) "
                "takes the probability of dropping, so nn.Dropout(dropout)"
                if rates == {1 - 0.2} else ": pass the dropout argument to nn.Dropout as it is"))
    dropping.load_state_dict(ref.state_dict())
    sd = ref.state_dict()
    with torch.no_grad():
        first, second = dropping.eval()(x), dropping(x)
        if dropping.training:
            raise CheckFailure("with dropout=0.5, after model.eval() and one call your module "
                               "is in training mode again: your forward switches the mode "
                               "(a self.train() in forward?), so dropout runs in eval mode; "
                               "leave the mode to the caller, nn.Dropout follows it by itself")
        if _max_diff(first, second) == 0 and _max_diff(first, ref(x)) > 1e-5:
            scaled = _close(first, _mha(sd, x, 4, weight_factor=0.5))
            raise CheckFailure(
                f"with dropout=0.5 in eval mode your output is the same on every call but "
                f"differs from the module without dropout (max difference "
                f"{_max_diff(first, ref(x)):.3g}), while dropout=0.0 passes: "
                + ("you multiplied the attention weights by (1 - p); nn.Dropout already scales "
                   "the kept weights by 1 / (1 - p) in training and does nothing in eval mode: "
                   "use self.dropout(attn_weights) as it is" if scaled else
                   "your forward uses the dropout rate outside nn.Dropout (a factor or a "
                   "mask that depends on p); only self.dropout may depend on it"))
        if _max_diff(first, second) > 0 or _max_diff(first, ref(x)) > 1e-5:
            dropping.train()
            trained = [_try_call(dropping, x) for _ in range(2)]
            if all(isinstance(t, torch.Tensor) and _close(t, ref(x)) for t in trained):
                raise CheckFailure(
                    "with dropout=0.5 your module drops in eval mode and not in training "
                    "mode (its training output equals the module without dropout on every "
                    "call): the condition is the wrong way round (if not self.training:) or "
                    "the dropout is switched to train() by hand; call self.dropout("
                    "attn_weights) always, nn.Dropout follows the module's mode by itself")
            raise CheckFailure(f"in eval mode the output changes from call to call (max "
                               f"difference {_max_diff(first, ref(x)):.3g} from the module "
                               "without dropout): dropout is active in eval mode. Use an "
                               "nn.Dropout module (self.dropout) so model.eval() switches it "
                               "off (torch.nn.functional.dropout and scaled_dot_product_"
                               "attention's dropout_p drop in every mode unless you pass "
                               "training=self.training or dropout_p=0.0 in eval mode)")
        dropping.train()
        torch.manual_seed(11)
        trained = dropping(x)
        if _max_diff(trained, first) < 1e-6:
            with torch.enable_grad():
                torch.manual_seed(11)
                graded = dropping.eval()(x)
            dropping.train()
            if _max_diff(graded, first) > 1e-6:
                raise CheckFailure(
                    "with dropout=0.5 your module drops when gradients are on and not under "
                    "torch.no_grad(), whatever its mode: in eval mode with gradients on it "
                    "drops (max difference "
                    f"{_max_diff(graded, first):.3g}), in training mode under no_grad it does "
                    "not. Your dropout follows torch.is_grad_enabled() (or requires_grad), "
                    "not the module's mode: gate it with self.training (dropout_p=self.dropout"
                    ".p if self.training else 0.0 for scaled_dot_product_attention), or call "
                    "self.dropout(attn_weights), which follows the mode by itself")
            rates = sorted({m.p for m in dropping.modules() if isinstance(m, torch.nn.Dropout)})
            if rates and rates != [0.5]:
                raise CheckFailure(
                    "with dropout=0.5, after one call in eval mode and back in training mode "
                    "nothing is dropped: your module's dropout rate is now "
                    f"{rates} (it was [0.5] when built), so your forward changes self.dropout.p "
                    "(or replaces the layer) and the change stays; never change the rate in "
                    "forward: nn.Dropout already does nothing in eval mode")
            fresh = impl(**kwargs)
            fresh.load_state_dict(sd)
            torch.manual_seed(11)
            fresh = _try_call(fresh.train(), x)
            if isinstance(fresh, torch.Tensor) and _max_diff(fresh, first) > 1e-6:
                raise CheckFailure(
                    "with dropout=0.5 a freshly built module drops in training mode, but yours "
                    "drops nothing after one call in eval mode and back in training mode: your "
                    "forward changes something in eval mode that stays (a flag or layer stored "
                    "on self); leave the module as it is, nn.Dropout follows train() and "
                    "eval() by itself")
            raise CheckFailure("with dropout=0.5 in training mode nothing is dropped (the "
                               "output equals the eval-mode output): apply self.dropout to the "
                               "attention weights and keep its result, attn_weights = "
                               "self.dropout(attn_weights) (nn.Dropout returns a new tensor; a "
                               "bare self.dropout(attn_weights) line does nothing)")
        torch.manual_seed(12)
        reseeded = _try_call(dropping, x)
        if isinstance(reseeded, torch.Tensor) and _max_diff(reseeded, trained) == 0:
            raise CheckFailure(
                "with dropout=0.5 in training mode your output under torch.manual_seed(11) "
                "and under torch.manual_seed(12) is the same (and differs from eval mode): your "
                "forward fixes its random numbers itself (a torch.manual_seed(...) or a new "
                "seeded torch.Generator inside forward?), so every training step drops the "
                "same weights and the caller's random state is reset; leave seeding to the "
                "caller and let self.dropout draw from the global generator")
        expected = _mha(sd, x, 4, drop="weights", seed=11, p=0.5)
        if not torch.isfinite(trained).all() and bool(torch.isfinite(first).all()):
            raise CheckFailure(
                "with dropout=0.5 in training mode your output holds NaN, and in eval mode it "
                "is right: the dropout ran on the masked scores, whose -inf entries it "
                "multiplies by 0 (-inf * 0 = NaN); apply self.dropout to the attention weights, "
                "right after the softmax")
        cause = likely_cause(trained, {
            "dropout is applied to the merged context vectors; apply it to the attention "
            "weights, right after the softmax": _mha(sd, x, 4, drop="context", seed=11, p=0.5),
            "dropout is applied to the module's output; apply it to the attention weights, "
            "right after the softmax": _mha(sd, x, 4, drop="output", seed=11, p=0.5),
            "dropout is applied to the heads' context vectors, attn_weights @ values of "
            "shape (b, num_heads, num_tokens, head_dim), before the heads are merged; apply "
            "it to the attention weights, right after the softmax":
                _mha(sd, x, 4, drop="head_context", seed=11, p=0.5),
            "dropout is applied to the attention scores before the softmax; apply it to the "
            "attention weights, right after the softmax":
                _mha(sd, x, 4, drop="scores", seed=11, p=0.5),
            "dropout is applied to the values; apply it to the attention weights, right after "
            "the softmax": _mha(sd, x, 4, drop="values", seed=11, p=0.5),
            "dropout is applied to the input x, before the projections; apply it to the "
            "attention weights, right after the softmax":
                _mha(sd, x, 4, drop="input", seed=11, p=0.5),
            "dropout is applied to the queries (before queries @ keys.transpose(2, 3)); apply "
            "it to the attention weights, right after the softmax":
                _mha(sd, x, 4, drop="queries", seed=11, p=0.5),
            "dropout is applied to the keys (before queries @ keys.transpose(2, 3)); apply it "
            "to the attention weights, right after the softmax":
                _mha(sd, x, 4, drop="keys", seed=11, p=0.5),
            "you apply self.dropout twice to the attention weights (a second call drops and "
            "rescales them again); apply it once, right after the softmax":
                _mha(sd, x, 4, drop="weights", seed=11, p=0.5, again="weights"),
            "you multiplied the dropped weights by (1 - p) in training mode, which undoes the "
            "1 / (1 - p) scaling that nn.Dropout applies to the kept weights: use "
            "self.dropout(attn_weights) as it is":
                _mha(sd, x, 4, drop="weights", seed=11, p=0.5, weight_factor=0.5),
            **{f"your dropout layer is nn.{name}, which zeroes whole channels (dim 1 of the "
               "(b, num_heads, num_tokens, num_tokens) weights: a head's entire weight map at "
               "once) instead of single attention weights; use nn.Dropout(dropout)":
                   _mha(sd, x, 4, seed=11, p=0.5, weights_map=lambda w, f=f: f(w, 0.5))
               for name, f in (("Dropout2d", torch.nn.functional.dropout2d),)},
            "you apply self.dropout to each head's attention weights separately (a loop over "
            "the heads), or to weights laid out heads first, (num_heads, b, num_tokens, "
            "num_tokens) (a split with permute(2, 0, 1, 3), which draws the same numbers): "
            "either way the draws go head by head, so the seeded draws land elsewhere than in "
            "the book's single call on the whole (b, num_heads, num_tokens, num_tokens) tensor; "
            "apply self.dropout once, to all heads' weights together in that layout":
                lambda: _mha(sd, x, 4, seed=11, p=0.5, weights_map=lambda w: torch.stack(
                    [torch.nn.functional.dropout(w[:, h], 0.5) for h in range(w.shape[1])], 1)),
            "you renormalised the attention weights after the dropout (so each row sums to 1 "
            "again), which undoes its 1 / (1 - p) scaling: apply self.dropout to the weights "
            "and use them as they are": _mha(sd, x, 4, drop="weights_renorm", seed=11, p=0.5),
            **{f"you apply dropout twice: to the attention weights and again to the {place}; "
               "apply self.dropout once, to the attention weights right after the softmax":
                   _mha(sd, x, 4, drop="weights", seed=11, p=0.5, again=again)
               for again, place in (("values", "values"),
                                    ("context", "merged context vectors"),
                                    ("output", "output"))},
            **{f"you apply dropout twice: to the {place} before the softmax and again to the "
               "attention weights; apply self.dropout once, to the attention weights right "
               "after the softmax": _mha(sd, x, 4, drop=(first, "weights"), seed=11, p=0.5)
               for first, place in (("scores", "attention scores"), ("queries", "queries"),
                                    ("keys", "keys"), ("input", "input x"))},
            **_dropout_layout_replays(sd, x),
        })
        if cause is None and not _close(trained, expected):
            cause = _dropout_average_hint(dropping, x, first, _mha(sd, x, 4, weight_factor=0.5))
        assert_close(trained, expected, what="the training-mode output under "
                     "torch.manual_seed(11) with dropout=0.5", atol=1e-5,
                     hint=cause or "Apply self.dropout once, to the attention weights right "
                                   "after the softmax.")
        # one token: its lone weight 1.0 is dropped like any other (an `if num_tokens > 1`
        # around the dropout skips it)
        one = x[:, :1]
        what = "with dropout=0.5 in training mode, a one-token input of shape (3, 1, 6)"
        torch.manual_seed(13)
        got = _tensor(call_answer(dropping, (one,), what), what)
        if got.shape == (3, 8):
            raise CheckFailure(f"{what}: your output has shape (3, 8), expected (3, 1, 8), "
                               "while 5-token inputs pass: the token dimension of size 1 is "
                               "gone, which is what a .squeeze() does (it drops every "
                               "dimension of size 1); keep (b, num_tokens, d_out)")
        if got.shape == (3, 1, 8) and _close(got, _mha(sd, one, 4)):
            raise CheckFailure(
                f"{what}: nothing is dropped (your output equals the eval-mode output), "
                "while a 5-token input is dropped as the book does: your forward skips the "
                "dropout for a single token (an `if num_tokens > 1`?). The lone attention "
                "weight 1.0 is dropped too: apply self.dropout(attn_weights) for every length")
        assert_close(got, _mha(sd, one, 4, drop="weights", seed=13, p=0.5),
                     what=f"the output {what} under torch.manual_seed(13)", atol=1e-5,
                     hint="A 5-token input passes; this one differs only in its length of 1 "
                          "token: a step of your forward treats num_tokens = 1 differently.")
    # training means a backward pass through the dropout: an in-place dropout on the softmax
    # output breaks it
    try:
        dropping.train()(x).sum().backward()
    except RuntimeError as err:
        if "does not require grad" in str(err):
            raise CheckFailure(f"with dropout=0.5 in training mode, backward() through your "
                               f"module fails: {err}. Your output is cut from autograd: "
                               "forward runs under torch.no_grad(), or the result is detached "
                               "(.detach(), .data); training needs the gradients") from None
        if "inplace operation" not in str(err):
            raise CheckFailure(f"with dropout=0.5 in training mode, backward() through your "
                               f"module fails: {err}") from None
        raise CheckFailure("with dropout=0.5 in training mode, backward() fails: "
                           f"{str(err).split(';')[0]}. The dropout changed the softmax output in "
                           "place (nn.Dropout(..., inplace=True) or F.dropout(..., inplace=True))"
                           ", which autograd still needs: use the default inplace=False") from None


def _dropout_layout_replays(sd, x):
    """Replays of self.dropout on attention weights held in another memory layout than the
    book's (b, num_heads, queries, keys), such as an einsum that keeps the heads after the
    tokens: the output in eval mode is right, but the seeded draws land on other weights.
    The heads-first layout is left to the per-head loop's replay, which draws the same."""
    import itertools

    names = ("b", "num_heads", "num_tokens (queries)", "num_tokens (keys)")
    replays = {}
    for perm in itertools.permutations(range(4)):
        if perm in ((0, 1, 2, 3), (1, 0, 2, 3)):
            continue
        back = tuple(perm.index(d) for d in range(4))
        letters = "".join("bhqk"[d] for d in perm)
        replays[
            f"your attention weights were laid out as ({', '.join(names[d] for d in perm)}) in "
            f"memory when self.dropout drew its random numbers (an einsum with the output "
            f"'...->{letters}', heads kept next to their features, or a permute before the "
            "dropout), so the seeded draws land on other weights than in the book's (b, "
            "num_heads, num_tokens, num_tokens) weights; the eval-mode output is right. Split "
            "the heads with view(...).transpose(1, 2) so the weights are (b, num_heads, "
            "num_tokens, num_tokens) when self.dropout runs"] = (
            lambda perm=perm, back=back: _mha(
                sd, x, 4, seed=11, p=0.5, weights_map=lambda w: torch.nn.functional.dropout(
                    w.permute(*perm).contiguous(), 0.5).permute(*back)))
    return replays


def _dropout_average_hint(module, x, eval_out, halved):
    """Evidence from the mean of 300 training-mode outputs (dropout=0.5): nn.Dropout's
    1 / (1 - p) keeps the mean at the eval output; an unscaled mask halves the weights."""
    torch.manual_seed(0)
    mean = torch.stack([module(x) for _ in range(300)]).mean(0)
    to_eval, to_half = (mean - eval_out).abs().mean().item(), (mean - halved).abs().mean().item()
    if to_half < 0.3 * to_eval:
        return ("averaged over 300 training-mode calls your output approaches the one with "
                f"the attention weights times (1 - p) = 0.5 (mean difference {to_half:.3g}), "
                f"not the eval-mode output ({to_eval:.3g}): the kept weights are not scaled by "
                "1 / (1 - p) (a mask of your own, torch.rand(...) > p?); use "
                "self.dropout(attn_weights), nn.Dropout scales them")
    if to_eval < 0.3 * to_half:
        return ("averaged over 300 training-mode calls your output approaches the eval-mode "
                f"output (mean difference {to_eval:.3g}), as dropout should, but one call "
                "under torch.manual_seed(11) differs from self.dropout(attn_weights): your "
                "code draws other random numbers (a mask of its own, or random numbers drawn "
                "before the dropout); apply self.dropout once, to the attention weights")
    return None


def check_multihead_attention(impl):
    gen = torch.Generator().manual_seed(3)
    x1, x2, x3 = (torch.randn(2, 4, 5, generator=gen), torch.randn(3, 5, 6, generator=gen),
                  torch.randn(3, 5, 6, generator=gen))
    # (d_in, d_out, context_length, num_heads, qkv_bias, input): no two sizes equal, inputs
    # shorter than the context. check_cases reports "partly done" when, say, only the
    # qkv_bias=True branch still raises NotImplementedError.
    passed = set()

    def noting(name, run):  # remembers which configurations pass, for the contrast below
        def case(answer):
            run(answer)
            passed.add(name)
        return name, case

    contrast = {
        "qkv_bias=True": ("qkv_bias=False", "d_in=5, d_out=12, 3 heads, context 7",
                          "qkv_bias=True and its sizes (d_in=6, d_out=8, 4 heads, context 9)"),
        "qkv_bias=False": ("qkv_bias=True", "d_in=6, d_out=8, 4 heads, context 9",
                           "qkv_bias=False and its sizes (d_in=5, d_out=12, 3 heads, context "
                           "7)"),
    }
    try:
        check_cases(state_probed(impl, probe_first=False, cases=[
            noting("qkv_bias=False", lambda a: _check_mha_config(a, 5, 12, 7, 3, False, x1)),
            noting("qkv_bias=True", lambda a: _check_mha_config(a, 6, 8, 9, 4, True, x2)),
            ("the book's example", _check_mha_book),
            ("dropout=0.5", lambda a: _check_mha_dropout(a, x3)),
            ("on the 'meta' device", _check_mha_device),
            ("a batch of one, large scores and one head", _check_mha_edge_inputs),
            ("float64 and float16 modules", _check_mha_dtypes),
            ("gradients", _check_mha_gradients),
        ]))
    except PartlyDone:
        raise
    except CheckFailure as err:
        name = next((n for n in contrast if str(err).startswith(f"{n}:")), None)
        if name and contrast[name][0] in passed:
            other, sizes, differs = contrast[name]
            raise CheckFailure(f"{err} (The {other} configuration, {sizes}, passes; this one "
                               f"differs in {differs}.)", margin=err.margin) from err
        raise


def _check_mha_gradients(impl):
    """Every parameter gets the book's gradient: a .detach(), .data or torch.no_grad() in
    forward cuts some of them off (the outputs can still be right)."""
    from llmscratch import MultiHeadAttention

    kwargs = dict(d_in=6, d_out=8, context_length=9, dropout=0.0, num_heads=4, qkv_bias=True)
    x = torch.randn(3, 5, 6, generator=torch.Generator().manual_seed(12)).requires_grad_()
    try:
        torch.manual_seed(123)
        mine = impl(**kwargs)
        ref = MultiHeadAttention(**kwargs)
        ref.load_state_dict(mine.state_dict())
        out = mine(x)
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 - the other cases report a module that cannot run
        return
    if not (isinstance(out, torch.Tensor) and out.shape == (3, 5, 8)):
        return  # the other cases report a wrong output
    where = "MultiHeadAttention(d_in=6, d_out=8, context_length=9, dropout=0.0, num_heads=4, " \
            "qkv_bias=True) on an input of shape (3, 5, 6)"
    if not out.requires_grad:
        raise CheckFailure(f"{where}: your output does not require gradients, so training "
                           "cannot update any weight: forward runs under torch.no_grad(), or "
                           "the result is detached (.detach(), .data, torch.tensor(...) of it)")
    try:
        out.pow(2).sum().backward()
    except RuntimeError:  # the dropout case reports a backward that fails
        return
    mine_x_grad, x.grad = x.grad, None
    ref(x).pow(2).sum().backward()
    params = dict(mine.named_parameters())
    # W_key.bias has no real gradient (it shifts a query's scores equally): compare with the book
    missing = [n for n, p in ref.named_parameters() if params.get(n) is None
               or params[n].grad is None or (p.grad.abs().max() > 1e-6
                                             and not params[n].grad.any())]
    if missing:
        cut = sorted({n.split(".")[0] for n in missing})
        why = (" (the attention weights or scores are cut from autograd: a .detach() or .data "
               "on them, or a torch.no_grad() around their computation)"
               if cut == ["W_key", "W_query"] else "")
        raise CheckFailure(f"{where}: {', '.join(missing)} get no gradient, while the book's "
                           f"module gives every parameter one{why}; keep every step of "
                           "forward in autograd")
    off = [n for n, p in ref.named_parameters()
           if not torch.allclose(params[n].grad, p.grad, atol=1e-5, rtol=1e-4)]
    if off:
        raise CheckFailure(f"{where}: the outputs match the book's, but the gradients of "
                           f"{', '.join(off)} differ: a step of forward is outside autograd "
                           "or not differentiable the same way (a .detach(), .data, or an "
                           "in-place edit); keep every step of forward in autograd")
    if mine_x_grad is None or not torch.allclose(mine_x_grad, x.grad, atol=1e-5, rtol=1e-4):
        replays = {}
        for names in (("W_query",), ("W_key",), ("W_value",), ("W_query", "W_key", "W_value")):
            torch.manual_seed(123)
            replay = MultiHeadAttention(**kwargs)
            replay.load_state_dict(ref.state_dict())
            for name in names:  # the projection reads x.detach()
                getattr(replay, name).register_forward_pre_hook(lambda m, a: (a[0].detach(),))
            xr = x.detach().clone().requires_grad_()
            replay(xr).pow(2).sum().backward()
            replays[names] = xr.grad
        cause = next((n for n, g in replays.items() if mine_x_grad is not None and
                      torch.allclose(mine_x_grad, g, atol=1e-5, rtol=1e-4)), None)
        named = (f": it matches the book's module with {' and '.join(cause)} fed x.detach(), so "
                 "no gradient flows back to the input through " + ", ".join(
                     {"W_query": "the queries", "W_key": "the keys", "W_value": "the values"}[n]
                     for n in cause) if cause else
                 ": no gradient reaches the input at all (x.detach() or x.data before the "
                 "projections?)" if mine_x_grad is None or not mine_x_grad.any() else
                 f" (max difference {_max_diff(mine_x_grad, x.grad):.3g})")
        raise CheckFailure(f"{where}: the outputs and the weights' gradients match the book's, "
                           f"but the gradient with respect to the input x differs{named}; in a "
                           "GPT the input comes from the layers below, which learn only "
                           "through this gradient: call each projection on x itself, as in "
                           "self.W_value(x)")


def _check_mha_edge_inputs(impl):
    """A batch of one keeps its batch dimension; scores far above 88 (where exp overflows in
    float32) still give the softmax's finite weights."""
    from llmscratch import MultiHeadAttention

    kwargs = dict(d_in=6, d_out=8, context_length=9, dropout=0.0, num_heads=4)
    call = "MultiHeadAttention(d_in=6, d_out=8, context_length=9, dropout=0.0, num_heads=4)"
    torch.manual_seed(21)
    ref = MultiHeadAttention(**kwargs).eval()
    mine = impl(**kwargs)
    try:
        mine.load_state_dict(ref.state_dict())
    except (RuntimeError, AttributeError) as err:
        raise CheckFailure(f"{call}: the book's state_dict does not load into your module "
                           f"({str(err).splitlines()[0]}): use the book's layer names and "
                           "shapes") from None
    mine.eval()
    x = torch.randn(1, 5, 6, generator=torch.Generator().manual_seed(9))
    what = f"{call} on a batch of one, an input of shape (1, 5, 6)"
    with torch.no_grad():
        got, expected = _tensor(call_answer(mine, (x,), what), what), ref(x)
        if got.shape != expected.shape:
            raise CheckFailure(
                f"{what}: your output has shape {tuple(got.shape)}, expected (1, 5, 8), while "
                "batches of 2 and 3 pass" + (
                    ": the batch dimension of size 1 is gone, which is what a .squeeze() "
                    "does (it drops every dimension of size 1); keep (b, num_tokens, d_out)"
                    if got.shape == expected.squeeze(0).shape else ""))
        assert_close(got, expected, what=f"the output of {what}", atol=1e-5,
                     hint="Batches of 2 and 3 pass; this one differs only in its batch size "
                          "of 1: a step of your forward treats b = 1 differently (a squeeze, "
                          "or a size read from the wrong dimension).")
        big = {k: v * 8 if k in ("W_query.weight", "W_key.weight") else v
               for k, v in ref.state_dict().items()}
        ref.load_state_dict(big)
        mine.load_state_dict(big)
        x = torch.randn(2, 5, 6, generator=torch.Generator().manual_seed(10))
        q = (x @ big["W_query.weight"].T).view(2, 5, 4, 2).transpose(1, 2)
        k = (x @ big["W_key.weight"].T).view(2, 5, 4, 2).transpose(1, 2)
        top = (q @ k.transpose(2, 3)).max().item() / 2 ** 0.5
        what = (f"{call} with W_query and W_key multiplied by 8 (scaled scores up to "
                f"{top:.0f}) on an input of shape (2, 5, 6)")
        got, expected = _tensor(call_answer(mine, (x,), what), what), ref(x)
        if got.shape == expected.shape and not torch.isfinite(got).all():
            def shifted(s, dims):  # exp(s - one maximum over dims) / the row sums
                e = torch.exp(s - s.amax(dim=dims, keepdim=True))
                return e / e.sum(-1, keepdim=True)

            cause = likely_cause(got, {
                "exp of a score above about 88 overflows to inf in float32, so a softmax "
                "written by hand as exp(s) / exp(s).sum(-1) gives inf / inf = NaN":
                    lambda: _mha(big, x, 4, softmax_fn=lambda s: torch.exp(s) / torch.exp(
                        s).sum(-1, keepdim=True)),
                **{f"your hand-written softmax subtracts one maximum over {over} "
                   f"({code}), not each row's own: a row whose scores all lie far below that "
                   "maximum underflows, exp gives 0 for every key, and 0 / 0 = NaN; subtract "
                   "each row's maximum, s.amax(dim=-1, keepdim=True)":
                       lambda dims=dims: _mha(big, x, 4, softmax_fn=lambda s: shifted(s, dims))
                   for over, code, dims in (
                       ("all the scores", "scores.max()", (0, 1, 2, 3)),
                       ("each head's whole matrix", "amax(dim=(-2, -1))", (-2, -1)),
                       ("each key's column", "max(dim=-2)", -2))},
            })
            raise CheckFailure(
                f"{what}: your output holds inf or NaN, while ordinary scores pass: " + (
                    cause or "a step of your softmax is not exact for large scores (a "
                    "hand-written softmax: exp overflows above about 88 in float32, and "
                    "underflows to 0 / 0 where a row lies far below the number subtracted)")
                + "; use torch.softmax(attn_scores / self.head_dim ** 0.5, dim=-1), which "
                "subtracts each row's largest score first")
        assert_close(got, expected, what=f"the output of {what}", atol=1e-4,
                     hint="Ordinary weights pass; these only make the scores large: a step "
                          "of your softmax is not exact for large scores (use torch.softmax).")
        _check_mha_low_scores(mine, ref, call)
    _check_mha_one_head(impl)


def _check_mha_one_head(impl):
    """One head (head_dim = d_out) is a head count like any other: no shortcut, no squeeze."""
    from llmscratch import MultiHeadAttention

    kwargs = dict(d_in=6, d_out=4, context_length=9, dropout=0.0, num_heads=1)
    call = "MultiHeadAttention(d_in=6, d_out=4, context_length=9, dropout=0.0, num_heads=1)"
    torch.manual_seed(22)
    ref = MultiHeadAttention(**kwargs).eval()
    mine = impl(**kwargs)
    mine.load_state_dict(ref.state_dict())
    mine.eval()
    x = torch.randn(2, 5, 6, generator=torch.Generator().manual_seed(23))
    what = f"{call}, one head, on an input of shape (2, 5, 6)"
    with torch.no_grad():
        got, expected = _tensor(call_answer(mine, (x,), what), what), ref(x)
        sd = ref.state_dict()
        if got.shape != expected.shape:
            named = _sizes_named(tuple(got.shape), {"b": 2, "num_tokens": 5, "d_out": 4},
                                 "(b, num_tokens, d_out)")
            raise CheckFailure(f"{what}: your output has shape {tuple(got.shape)}, expected "
                               f"(2, 5, 4), while 3 and 4 heads pass{named}: a step treats "
                               "num_heads = 1 differently (a .squeeze() that drops the heads "
                               "dimension of size 1, or a shortcut for one head)")
        if _close(got, _mha(sd, x, 1, out_proj=False)):
            raise CheckFailure(f"{what}: your output is the merged context vectors without "
                               "out_proj, while 3 and 4 heads pass: out_proj is part of the "
                               "module for any head count (it is a learned layer, not only a "
                               "way to mix heads); apply self.out_proj with one head too")
        assert_close(got, expected, what=f"the output of {what}", atol=1e-5,
                     hint="3 and 4 heads pass; with one head (head_dim = d_out = 4) your "
                          "output differs: a step treats num_heads = 1 differently (a "
                          "shortcut for one head, a squeeze, or a size such as num_heads - 1). "
                          + describe_difference(got, expected,
                                                ("batch", "tokens", "features")))


def _check_mha_low_scores(mine, ref, call):
    """Scores far below zero (about -5e5): a finite fill such as -1e4 then lies ABOVE the
    visible scores, so the hidden future keys take the weight."""
    low = dict(ref.state_dict())
    low["W_query.weight"] = torch.full((8, 6), 100.0)  # every query points along +1 ...
    low["W_key.weight"] = torch.full((8, 6), -100.0)  # ... and every key along -1
    ref.load_state_dict(low)
    mine.load_state_dict(low)
    x = torch.rand(2, 5, 6, generator=torch.Generator().manual_seed(12)) + 0.5
    q = (x @ low["W_query.weight"].T).view(2, 5, 4, 2).transpose(1, 2)
    k = (x @ low["W_key.weight"].T).view(2, 5, 4, 2).transpose(1, 2)
    top = (q @ k.transpose(2, 3)).max().item() / 2 ** 0.5
    what = (f"{call} with W_query filled with 100 and W_key with -100 (every scaled score "
            f"at most {top:,.0f}) on an input of shape (2, 5, 6)")
    got, expected = _tensor(call_answer(mine, (x,), what), what), ref(x)
    renorm = _mha(low, x, 4, mask_after=True, renorm=True)
    if (got.shape == expected.shape and torch.isnan(got).any()
            and torch.equal(got.isnan(), renorm.isnan())
            and _close(got.nan_to_num(), renorm.nan_to_num(), 1e-4)):
        raise CheckFailure(
            f"{what}: your output holds NaN exactly where a softmax over ALL keys, followed by "
            "zeroing the future weights and dividing each row by its new sum, gives NaN: here "
            "a future score lies far above the visible ones, so the visible weights underflow "
            "to 0 and the renormalisation divides 0 by 0 (ordinary scores hide this). Mask "
            "the scores with -torch.inf before the softmax instead")
    cause = likely_cause(got, {
        "you filled the future scores with a finite number (such as -1e4 or -1e5) instead of "
        f"-torch.inf: here every visible score is at most {top:,.0f}, so the filled future "
        "scores are the largest and take all the weight (the future leaks); fill with "
        "-torch.inf": _mha(low, x, 4, fill=-1e4)}, atol=1e-4) if got.shape == expected.shape \
        else None
    assert_close(got, expected, what=f"the output of {what}", atol=1e-4,
                 hint=cause or "Ordinary scores pass; these are all far below zero: a "
                 "step of your code assumes scores near 0 (a finite fill of the hidden "
                 "scores that is larger than these, or a hand-written softmax); fill with "
                 "-torch.inf and use torch.softmax(..., dim=-1).")


def _check_mha_dtypes(impl):
    """A module converted with .to(float64) or .to(float16) computes in that dtype."""
    import copy

    from llmscratch import MultiHeadAttention

    kwargs = dict(d_in=6, d_out=8, context_length=9, dropout=0.0, num_heads=4)
    x = torch.randn(3, 5, 6, generator=torch.Generator().manual_seed(8))
    torch.manual_seed(5)
    ref = MultiHeadAttention(**kwargs).eval()
    left = ("A step of your forward pass leaves the module's dtype (a softmax with dtype="
            "torch.float32, a .float(), or a float32 tensor made in forward): keep every step "
            "in the input's dtype.")
    for dtype, atol in ((torch.float64, 1e-9), (torch.float16, 1e-2)):
        mine = impl(**kwargs)
        mine.load_state_dict(ref.state_dict())
        mine = mine.to(dtype).eval()
        what = f"a module converted with .to({dtype}) on a {dtype} input of shape (3, 5, 6)"
        with torch.no_grad():
            got = _tensor(call_answer(mine, (x.to(dtype),), what, [
                ("without overflow", "You filled the future scores with a large finite number "
                 "(-1e9?), which float16 cannot hold: fill them with -torch.inf."),
                ("expected scalar type", left), ("same dtype", left)]), what)
            if got.dtype != dtype:
                raise CheckFailure(f"{what}: your output is {got.dtype}. {left}")
            want = copy.deepcopy(ref).to(dtype)(x.to(dtype))
            gap = _max_diff(got, want) if got.shape == want.shape else None
            rounding = dtype == torch.float64 and gap is not None and 0 < gap < 1e-5
            hd32 = torch.tensor(float(kwargs["d_out"] // kwargs["num_heads"]))
            if rounding and any(  # one scale rounded to float32 (torch.sqrt(torch.tensor(
                    # head_dim)) or rsqrt) is a rounded constant, not a float32 step: accepted
                    _max_diff(got, _mha({k: v.to(dtype) for k, v in ref.state_dict().items()},
                                        x.to(dtype), 4, scale=s)) <= 1e-12
                    for s in (hd32.sqrt().item(), 1 / hd32.rsqrt().item())):
                continue
            assert_close(got, want, what=f"the output of {what}", atol=atol,
                         hint=f"The same module in float32 passes; in float64 it differs by "
                              f"{gap:.2g}, the size of float32 rounding: {left}" if rounding
                         else f"The same module in float32 passes; in {dtype} it differs: "
                              "mask with -torch.inf (a finite fill such as -1e9 or -1e4 "
                              "behaves differently in half precision) and keep every step in "
                              "the module's dtype.")


def _check_mha_device(impl):
    """A stand-in device: after .to(device) every tensor of the forward pass lives there; and
    a module built as on a machine with a GPU still has every tensor on the CPU."""
    _check_not_moved_to_gpu(lambda: impl(6, 8, 9, 0.0, num_heads=4), (),
                            "MultiHeadAttention(6, 8, 9, 0.0, num_heads=4)", cause=(
        "your module puts a tensor on the GPU when one is available (the mask or a layer made "
        "with device=get_device(), or 'cuda' if torch.cuda.is_available()), while its other "
        "tensors and the caller's inputs stay on the CPU. Build every tensor on the default "
        "device (torch.ones(...) with no device=): model.to(device) later moves the registered "
        "buffer together with the layers"))
    mha = impl(6, 8, 9, 0.0, num_heads=4).to("meta")
    x = torch.zeros(3, 5, 6, device="meta")
    got = call_answer(mha, (x,), "a module moved with .to('meta') on an input on that device", [
        ("device", "A tensor of your forward pass stays on the CPU (a mask built in forward "
                   "with torch.ones(...), or a plain attribute): use the registered buffer "
                   "self.mask, which .to(device) moves, or create it on x.device.")])
    if not isinstance(got, torch.Tensor) or got.device.type != "meta":
        raise CheckFailure("a module moved with .to('meta') returned its output elsewhere: "
                           "compute everything from x and the module's own tensors")
    # a module used on the CPU first, then moved: a mask kept on self from the first call
    # (a dict of masks per length) stays on the CPU, where .to(device) does not reach
    used = impl(6, 8, 9, 0.0, num_heads=4)
    with torch.no_grad():
        if _try_call(used, torch.zeros(3, 5, 6)) is not None:
            used.to("meta")
            try:
                used(x)
            except Exception as err:  # noqa: BLE001 - the fresh module above took this input
                raise CheckFailure(
                    "a module called once on the CPU, then moved with .to('meta'), fails on "
                    f"an input on that device ({type(err).__name__}: "
                    f"{str(err).splitlines()[0]}), while a module moved before its first call "
                    "works: your forward keeps a tensor from the first call on self (a mask "
                    "cut to the input's length and cached in a dict or attribute), and "
                    ".to(device) moves only parameters and registered buffers; slice "
                    "self.mask in every call") from None


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

# every check also fails an answer that changes PyTorch's global defaults
