"""Checks for the chapter 4 bonus exercises (the attention and feed-forward of today's models).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure``
saying what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch`` (the verified reference: RMSNorm, apply_rope, GroupedQueryAttention,
MoEFeedForward). The likely cause is chosen by evidence: the usual mistakes are computed on the
same input and the one that reproduces the learner's output is named. Contracts checked
directly: inputs are not changed in place, gradients reach the input and the learned scale,
and routing stays finite for large scores.

A little longer than our usual 400 lines: each check replays its known mistakes and checks
the result end to end against the library's layer.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import inspect
import re

import torch

from llmscratch import (
    GroupedQueryAttention,
    MoEFeedForward,
    RMSNorm,
    apply_rope,
    compute_rope_params,
)
from llmscratch.checking import (
    CheckFailure,
    Exercise,
    answer_source,
    assert_close,
    call_answer,
    call_by_name,
    check_cases,
    describe_difference,
    describe_elementwise,
    fresh_calls_right,
    fresh_copy,
    likely_cause,
    mixed_device_calls,
    one_thread,
    raised_not_implemented,
    state_probed,
    tensors_not_on,
)


def _likely(actual, mistakes, atol=1e-5, confirm=None):
    """The cause whose wrong output matches a finite ``actual`` best (within ``atol``), or
    None; of equally close causes, the last listed (``confirm`` as in likely_cause)."""
    if not bool(torch.isfinite(torch.as_tensor(actual).detach()).all()):
        return None
    return likely_cause(actual, dict(reversed(list(mistakes.items()))), atol, confirm=confirm)


def _tensor(value, what, shape):
    if not isinstance(value, torch.Tensor):
        raise CheckFailure(f"{what} is a {type(value).__name__}, expected a tensor of shape "
                           f"{tuple(shape)}")
    if tuple(value.shape) != tuple(shape):
        raise CheckFailure(f"{what} has shape {tuple(value.shape)}, expected {tuple(shape)}"
                           + _size_one_note(tuple(value.shape), tuple(shape)))
    return value.detach()


def _size_one_note(got, want):
    """': ...' when two shapes differ only by dims of size 1 (a squeeze or an unsqueeze)."""
    if [n for n in got if n != 1] != [n for n in want if n != 1] or len(got) == len(want):
        return ""
    if len(got) < len(want):
        return (f": the same sizes without {len(want) - len(got)} of the dims of size 1: a "
                "squeeze() (or x[0]) drops every size-1 dim, a batch of one's too; keep all "
                "the input's dims, shape in = shape out")
    return (f": the same sizes with {len(got) - len(want)} extra dims of size 1 (an "
            "unsqueeze, [None] or a keepdim too many); return the expected dims only")


def _mixed_devices(err):
    """Whether ``err`` is PyTorch's complaint about tensors on two devices in one operation
    (on the meta device: a CPU tensor made inside the answer met the meta inputs)."""
    return any(m in str(err) for m in ("is not on the expected device",
                                         "Expected all tensors to be on the same device"))


# --- ex4_20: RMSNorm ------------------------------------------------------------------------------


def _rms_mistakes(x, scale, eps):
    ms = x.pow(2).mean(-1, keepdim=True)
    centred = x - x.mean(-1, keepdim=True)
    return {
        "you subtracted the mean, as LayerNorm does; RMSNorm divides x itself by "
        "sqrt(mean(x**2) + eps)": scale * centred / torch.sqrt(
            centred.pow(2).mean(-1, keepdim=True) + eps),
        "eps is added outside the square root: use torch.rsqrt(mean(x**2) + eps)":
            scale * x / (torch.sqrt(ms) + eps),
        "you divided by the root of the SUM of squares; use the mean over the last dimension":
            scale * x / torch.sqrt(x.pow(2).sum(-1, keepdim=True) + eps),
        "the scale is applied before the root mean square is taken, so it is normalised "
        "away: compute the root mean square of x itself, then multiply by self.scale":
            scale * x / torch.sqrt((scale * x).pow(2).mean(-1, keepdim=True) + eps),
        "the scale is applied twice (scale**2): multiply the normalised x by self.scale once":
            scale**2 * x / torch.sqrt(ms + eps),
        "the learned scale is not applied: multiply the normalised x by self.scale":
            x / torch.sqrt(ms + eps),
        "the scale is applied as (1 + scale), as Gemma's RMSNorm does (its scale starts at "
        "zeros); here scale starts at ones and multiplies directly: self.scale * x * "
        "torch.rsqrt(...)": (1 + scale) * x / torch.sqrt(ms + eps),
        "the mean is over the wrong dimension: use dim=-1 (each token vector)":
            scale * x / torch.sqrt(x.pow(2).mean(0, keepdim=True) + eps),
        "the mean is over dim 1, the last dimension only for 2-D inputs; for a (batch, "
        "tokens, emb_dim) input dim 1 is the tokens: use dim=-1":
            scale * x / torch.sqrt(x.pow(2).mean(1, keepdim=True) + eps),
        "the mean of squares is over every dimension but the first (dim=(1, 2), or x "
        "flattened per batch row): for a (batch, tokens, emb_dim) input that mixes the tokens "
        "together; take it over the last dimension only, dim=-1": scale * x / torch.sqrt(
            x.pow(2).mean(dim=tuple(range(1, x.dim())), keepdim=True) + eps),
        "eps is added to x before squaring ((x + eps) ** 2); add it to the mean of squares, "
        "inside the root: torch.rsqrt(mean(x**2) + eps)":
            scale * x / torch.sqrt((x + eps).pow(2).mean(-1, keepdim=True)),
        "the mean of squares is divided by n - 1 (sum / (emb_dim - 1), the unbiased-variance "
        "habit); it is a plain mean over the emb_dim values, x.pow(2).mean(dim=-1, "
        "keepdim=True)": scale * x / torch.sqrt(
            x.pow(2).sum(-1, keepdim=True) / (x.shape[-1] - 1) + eps),
        "the mean of squares is x.var(dim=-1) + mean**2, but x.var divides by n - 1 by "
        "default (unbiased), so each divisor is a little too large: pass unbiased=False "
        "(correction=0), or take x.pow(2).mean(dim=-1, keepdim=True)": scale * x / torch.sqrt(
            x.var(-1, keepdim=True) + x.mean(-1, keepdim=True).pow(2) + eps),
        # (only with more than one token vector: for one, the whole tensor's mean is its own)
        **({"the mean of squares is x.var(dim=-1, unbiased=False) + x.mean() ** 2, but "
            "x.mean() has no dim: it squares the mean of the WHOLE tensor, the same number "
            "for every token; take each token's own mean, x.mean(dim=-1, keepdim=True), or "
            "simply x.pow(2).mean(dim=-1, keepdim=True)": scale * x / torch.sqrt(
                x.var(-1, keepdim=True, unbiased=False) + x.mean().pow(2) + eps)}
           if x.numel() > x.shape[-1] else {}),
        "the sign of x is lost: yours is |x| (x.abs(), or sqrt(x**2) taken of each value) over "
        "the root mean square, so negative values come out positive; only the divisor gets a "
        "root, self.scale * x * torch.rsqrt(mean(x**2) + eps)": scale * x.abs() / torch.sqrt(
            ms + eps),
        "you divided by the variance (x.var); RMSNorm divides by the mean of squares, "
        "mean(x**2), and nothing is centred":
            scale * x / torch.sqrt(x.var(-1, keepdim=True, unbiased=False) + eps),
        "you divided by the standard deviation (x.var(dim=-1) with its default n - 1, or "
        "x.std): that subtracts the mean first and divides by emb_dim - 1; RMSNorm centres "
        "nothing and divides by sqrt(mean(x**2) + eps)":
            scale * x / torch.sqrt(x.var(-1, keepdim=True) + eps),
        "you divided by the standard deviation (x.std(dim=-1), which subtracts the mean "
        "first and divides by emb_dim - 1); RMSNorm centres nothing and divides by "
        "sqrt(mean(x**2) + eps)": scale * x / (x.std(-1, keepdim=True) + eps),
        "you divided by the standard deviation (x.std(dim=-1, unbiased=False), which "
        "subtracts the mean first); RMSNorm centres nothing and divides by sqrt(mean(x**2) + "
        "eps)": scale * x / (x.std(-1, keepdim=True, unbiased=False) + eps),
        "the square root is missing: divide by sqrt(mean(x**2) + eps), i.e. multiply by "
        "torch.rsqrt(...)": scale * x / (ms + eps),
        "you multiplied by the root mean square instead of dividing by it: x * torch.rsqrt("
        "mean(x**2) + eps), or x / torch.sqrt(...)": scale * x * torch.sqrt(ms + eps),
        "you divided by |mean(x)|, the root of the SQUARED MEAN (x.mean() ** 2); RMSNorm "
        "divides by the root of the MEAN of the SQUARES, sqrt(mean(x**2) + eps)":
            scale * x / torch.sqrt(x.mean(-1, keepdim=True).pow(2) + eps),
        "you took the root of the mean of |x|, not of the mean of the SQUARES: "
        "torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps)":
            scale * x * torch.rsqrt(x.abs().mean(-1, keepdim=True) + eps),
        "you divided by the largest |x| of each token (x.abs().amax(dim=-1), a max "
        "normalisation); RMSNorm divides by the ROOT of the MEAN of the SQUARES, "
        "sqrt(mean(x**2) + eps)": scale * x / (x.abs().amax(-1, keepdim=True) + eps),
        "you divided by the mean of |x|; RMSNorm divides by the ROOT of the MEAN of the "
        "SQUARES, sqrt(mean(x**2) + eps)": scale * x / (x.abs().mean(-1, keepdim=True) + eps),
        "eps is missing or does nothing (x / x.norm(...), no eps at all, eps added after "
        "torch.rsqrt, where it is negligible next to 1 / rms, or the root clamped at eps, "
        ".clamp(min=eps), which only acts below eps): add eps inside the root, "
        "torch.rsqrt(mean(x**2) + eps); it matters for tiny vectors": scale * x / torch.sqrt(ms),
        "the mean of squares is over the whole tensor (x.pow(2).mean() without dim); take it "
        "per token vector: x.pow(2).mean(dim=-1, keepdim=True)":
            scale * x / torch.sqrt(x.pow(2).mean() + eps),
        **{f"the mean of squares is computed in {dt} (x.{m}()) and cast back: its rounding "
           "(about 1e-3 relative) shows in every token; compute it in x's dtype, or in float32":
           scale * x * torch.rsqrt(getattr(x, m)().pow(2).mean(-1, keepdim=True).to(x.dtype)
                                   + eps) for dt, m in (("float16", "half"),
                                                        ("bfloat16", "bfloat16"))},
        "x itself is missing from the result: yours is scale * rsqrt(mean(x**2) + eps), "
        "the per-token factor broadcast over emb_dim; multiply x by it, self.scale * x * "
        "torch.rsqrt(mean(x**2) + eps)": scale * torch.rsqrt(ms + eps).expand_as(x),
    }


def _large_eps_probe(impl):
    """Tell apart the ways eps can do nothing on tiny values: with eps=4 next to a mean of
    squares of 3 each of them gives another number."""
    try:
        norm = impl(3, eps=4.0)
        with torch.no_grad():
            got = norm(torch.tensor([[1.0, 2.0, 2.0], [2.0, 4.0, 4.0]]))
    except Exception:  # noqa: BLE001 - a probe only; the main case reports crashes
        return None
    if not isinstance(got, torch.Tensor) or got.shape != (2, 3):
        return None
    # the second row, [2, 4, 4], tells eps ** 2 from eps * max|x| ** 2, which agree on the first
    x = torch.tensor([[1.0, 2.0, 2.0], [2.0, 4.0, 4.0]])
    ms, peak = x.pow(2).mean(-1, keepdim=True), x.abs().amax(-1, keepdim=True)
    where = "with eps=4 and x = [1, 2, 2] (mean of squares 3) "
    missing = where + ("yours divides by sqrt(3): eps is missing (not used at all, as in x / "
                       "x.norm(...)); add it inside the root, torch.rsqrt(mean(x**2) + eps)")
    hint = _likely(got, {
        where + "yours divides by sqrt(3 + 16): eps is squared (eps ** 2, negligible at "
        "1e-6); add eps itself inside the root, torch.rsqrt(mean(x**2) + eps)":
            x / (ms + 16) ** 0.5,
        missing: x / ms ** 0.5,
        where + "yours is x * (1 / sqrt(3) + 4): eps added after torch.rsqrt; put it "
        "inside, torch.rsqrt(mean(x**2) + eps)": x * (1 / ms ** 0.5 + 4),
        where + "yours is x / sqrt(3) + 4: eps is added to the normalised result; put it "
        "inside the root, x * torch.rsqrt(mean(x**2) + eps)": x / ms ** 0.5 + 4,
        where + "yours divides by 4 = max(sqrt(3), eps): the root is clamped at eps "
        "(.clamp(min=eps)), which only acts below eps; add eps inside the root":
            x / ms.sqrt().clamp(min=4),
        where + "yours divides by 4 / sqrt(3) = max(||x||, eps) / sqrt(emb_dim), with "
        "||x|| = 3 the L2 norm: F.normalize(x, dim=-1, eps=eps) * sqrt(emb_dim) uses eps as a "
        "floor on the NORM (it only acts below eps), not as a term of the mean of squares; "
        "add eps inside the root, torch.rsqrt(mean(x**2) + eps)":
            x / x.norm(dim=-1, keepdim=True).clamp(min=4) * 3 ** 0.5,
        where + "yours divides by 2 = sqrt(max(3, eps)): the mean of squares is clamped at "
        "eps (.clamp(min=eps)), which only acts below eps; add eps inside the root":
            x / ms.clamp(min=4).sqrt(),
        where + "yours divides by sqrt(3 + 4 * 2**2), and [2, 4, 4] by sqrt(12 + 4 * 4**2): "
        "eps is multiplied by max|x| squared, as when x is first divided by its largest "
        "|x| (a rescaling 'for stability') and eps is added to the rescaled mean; "
        "normalise x itself, x * torch.rsqrt(mean(x**2) + eps)":
            x / (ms + 4 * peak ** 2).sqrt(),
    }, atol=1e-4)
    if hint != missing:
        return hint
    try:  # finite on a row of zeros: eps (or a floor) only guards against dividing by 0
        with torch.no_grad():
            zeros = norm(torch.zeros(1, 3))
    except Exception:  # noqa: BLE001 - a probe only
        return hint
    if isinstance(zeros, torch.Tensor) and zeros.shape == (1, 3) and \
            bool(torch.isfinite(zeros).all()):
        return where + ("yours divides by sqrt(3): eps is missing there, yet a row of zeros "
                        "comes out finite: your eps (or a floor, as in F.normalize) only "
                        "guards rows of zeros against dividing by 0 (torch.where(ms == 0, "
                        "...)); add eps to every row, inside the root, torch.rsqrt(mean(x**2) "
                        "+ eps)")
    return hint


def _param_hint(norm, params, emb_dim):
    """Why the parameters are not exactly ``scale``: a plain tensor, another name, a shift, or a
    scale that only appears once forward has run."""
    if "scale" not in params and isinstance(getattr(norm, "scale", None), torch.Tensor):
        return ("; self.scale is a plain tensor, not an nn.Parameter, so it is neither trained "
                "nor saved: self.scale = nn.Parameter(torch.ones(emb_dim))")
    wrapped = [name for name, m in norm.named_modules() if name and isinstance(
        m, (torch.nn.RMSNorm, torch.nn.LayerNorm))] if isinstance(norm, torch.nn.Module) else []
    if "scale" not in params and wrapped:
        return (f"; yours wraps torch's {type(norm.get_submodule(wrapped[0])).__name__} as "
                f"self.{wrapped[0]}, whose weight is {wrapped[0]}.weight: the exercise builds "
                "RMSNorm itself, with its own parameter self.scale = nn.Parameter(torch.ones("
                "emb_dim)) and the formula in forward")
    if "scale" not in params and len(params) == 1:
        return f"; name the parameter scale, not {next(iter(params))} (self.scale = ...)"
    extra = [p for name, p in params.items() if name != "scale"]
    eps = getattr(norm, "eps", None)
    if "scale" in params and len(extra) == 1 and eps is extra[0]:
        return ("; self.eps is an nn.Parameter, so the optimizer trains eps (it can reach 0 or "
                "go negative): eps is a fixed setting, keep it a plain number, self.eps = eps")
    if "scale" in params:
        return "; RMSNorm has no shift (no bias): remove the other parameters"
    if not params and isinstance(norm, torch.nn.Module):
        try:
            with torch.no_grad():
                norm(torch.ones(1, emb_dim))
        except Exception:  # noqa: BLE001 - no evidence either way
            return ""
        if "scale" in dict(norm.named_parameters()):
            return ("; self.scale appears only once forward has run: it is created in forward, "
                    "so every call starts again from ones and nothing is learned; create it "
                    "once in __init__, self.scale = nn.Parameter(torch.ones(emb_dim))")
    return ""


def _rms_ratio_hint(got, expected, x=None, scale=None, eps=None):
    """Say whether yours / expected is one factor per token (the divisor differs) or one per
    feature (the multiplier differs), when it is either; for one per token, also the eps your
    divisor implies when every token agrees on it."""
    g, e = got.double().reshape(-1, got.shape[-1]), expected.double().reshape(-1, got.shape[-1])
    if not torch.isfinite(g).all() or (e.abs() < 1e-6).any() or g.shape[0] < 2:
        return None
    r = g / e
    per_token = (r - r[:, :1]).abs().max().item() < 1e-4 * r.abs().max().item()
    per_feature = (r - r[:1]).abs().max().item() < 1e-4 * r.abs().max().item()
    if per_feature and not per_token:
        s_ = None if scale is None else scale.double().reshape(-1)
        root = s_ is not None and torch.allclose(r[0], s_.rsqrt(), rtol=1e-4)
        return (f"each feature comes out multiplied by its own wrong factor ({r[0, 0]:.4g} for "
                f"the first, {r[0, -1]:.4g} for the last), the same in every token: the "
                "normalisation is right, the multiplication by scale is not"
                + ("; the factors are 1 / sqrt(scale), so yours multiplies by sqrt(scale): "
                   "the scale went under the square root" if root else
                   _scale_readback(s_ * r[0], s_) if s_ is not None else "")
                + "; return self.scale * (x * torch.rsqrt(mean(x**2) + eps))")
    if per_token and not per_feature:
        near = (r[:, 0] - 1).abs().max().item()
        return (f"each token vector comes out multiplied by its own wrong factor (from "
                f"{r[:, 0].min():.4g} to {r[:, 0].max():.4g}): the scale is applied right, the "
                "divisor sqrt(mean(x**2 over the last dim) + eps) is not"
                + (("" if x is None else _rms_implied_eps(g, x, scale, eps)) or (
                    f"; every factor is within {near:.2g} of 1, a rounding-sized error: is the "
                    "divisor computed in a lower precision (float16, bfloat16)?"
                    if near < 0.02 else "") or (
                    "" if x is None else _rms_divisor_readback(r[:, 0], x, eps))))
    return None


def _scale_readback(yours, scale):
    """'; read back, ...' with the per-feature multiplier yours applies beside self.scale, and
    the relation between them when describe_difference finds one."""
    said = describe_difference(yours, scale, dims=("emb_dim",), where=False)

    def show(t):
        return ("[" + ", ".join(f"{v:.4g}" for v in t[:6].tolist())
                + (", ..." if t.numel() > 6 else "") + "]")
    return (f"; read back, your multiplier per feature is {show(yours)}, where self.scale "
            f"holds {show(scale)}" + (f". {said.rstrip('.')}" if said else ""))


def _rms_divisor_readback(r, x, eps):
    """'; ...' with the divisor yours implies per token (the right root over ``r``), named as
    a power of the right root when one exponent fits every token, else listed beside it."""
    root = (x.double().reshape(-1, x.shape[-1]).pow(2).mean(-1) + eps).sqrt()
    yours = root / r
    if not bool(torch.isfinite(yours).all()) or bool((yours <= 0).any()):
        return ""
    power = yours.log() / root.log()
    if bool(((root.log()).abs() > 0.1).all()) and float(power.max() - power.min()) < 1e-3:
        p = float(power.mean())
        why = {0.5: ": the root taken twice (a fourth root, sqrt(sqrt(...)) or ** 0.25)",
               2.0: ": no root at all, the mean of squares itself",
               -1.0: ": the inverse, a multiplication where a division was meant (or rsqrt "
                     "and a division together)"}.get(round(p * 4) / 4, "")
        return (f"; read back, your divisor is the right one, sqrt(mean(x**2) + eps), to the "
                f"power {p:.3g} in every token{why}")
    for p, what in ((2, "no root at all"), (0.5, "a fourth root (the root taken twice)")):
        c = yours / root.pow(p)
        if yours.numel() > 1 and bool((root.log().abs() > 0.1).all()) and \
                float(c.max() - c.min()) < 1e-4 * float(c.mean()) and \
                abs(float(c.mean()) - 1) > 1e-3:
            c = float(c.mean())
            why = (": `(ms + eps) ** -1/2` is read by Python as ((ms + eps) ** -1) / 2; write "
                   "** -0.5 (or ** (-1 / 2)), or torch.rsqrt(ms + eps)"
                   if p == 2 and abs(c - 2) < 1e-3 else "")
            return (f"; read back, your divisor per token is {c:.4g} * (mean(x**2) + eps) ** "
                    f"{p / 2:g} in every token, {what} and a factor {c:.4g}{why}; divide by "
                    "sqrt(mean(x**2) + eps) and nothing else")
    rows = x.double().reshape(-1, x.shape[-1])
    part = next((name for name, kept in (("first", rows[:, 1:]), ("last", rows[:, :-1]))
                 if kept.shape[-1] and torch.allclose(yours, (kept.pow(2).mean(-1) + eps)
                                                      .sqrt(), rtol=1e-4, atol=0.0)), None)
    # the divisors of other tokens (rolled, reversed) or scaled: said of the divisor list
    moved = "" if part else describe_difference(yours, root, where=False).replace(
        "What differs: every value", "your divisors: every one")
    return (f"; read back, your divisor per token is {[round(float(v), 4) for v in yours]}, "
            f"where sqrt(mean(x**2) + eps) gives {[round(float(v), 4) for v in root]}" + (
                f": yours is the root mean square of each token without its {part} value (a "
                "slice such as x[..., 1:] or x[..., :-1]); take the mean over all emb_dim "
                "values, x.pow(2).mean(dim=-1, keepdim=True)" if part else
                f". {moved[0].upper()}{moved[1:]}" if moved else
                ": larger for some tokens and smaller for others, so no single factor, power "
                "or eps explains it; a divisor that weighs the features unevenly does this "
                "(per-feature weights, a mask or a slice of the features, another power of "
                "x?); every feature's square counts once, "
                "x.pow(2).mean(dim=-1, keepdim=True)" if bool(((yours / root - 1) > 1e-3).any())
                and bool(((yours / root - 1) < -1e-3).any()) else ""))


def _two_token_ratio(norm, got, x, scale, eps):
    """Yours / expected as evidence: one constant everywhere (an extra factor), else, for a
    single-token case, the per-token / per-feature reading of two tokens of other sizes."""
    d = x.shape[-1]
    two = got.reshape(-1, d).shape[0] < 2
    if two:
        row = x.reshape(-1, d)[0]
        x = torch.stack((row, row.flip(0) * 3.0 - 1.0))
        try:
            with torch.no_grad():
                got = norm(x.clone())
        except Exception:  # noqa: BLE001 - no evidence either way
            return None
        if not isinstance(got, torch.Tensor) or got.shape != x.shape:
            return None
    expected = scale * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)
    r = got.double() / expected.double()
    if not bool(torch.isfinite(r).all()):
        return None
    c = r.flatten()[0].item()
    where = "asked again with two tokens of other sizes, " if two else ""
    if (r - c).abs().max().item() < 1e-5 * abs(c) and abs(c - 1) > 1e-3:  # not eps-sized
        named = next((w for want, w in [(d ** 0.5, "sqrt(emb_dim)"), (d ** -0.5,
                      "1 / sqrt(emb_dim)"), (float(d), "emb_dim"), (1.0 / d, "1 / emb_dim"),
                      (1 / float(scale.mean()), "1 / scale.mean()"), (-1.0, "a sign")]
                      if abs(c - want) < 1e-4 * abs(want)), None)
        return (f"{where}every value is {c:.4g} times the expected one, in every token and "
                "every feature: the normalisation and the scale are right up to one extra "
                "constant factor" + (f" ({c:.4g} = {named})" if named else "")
                + "; return self.scale * x * torch.rsqrt(mean(x**2) + eps) with nothing else")
    hint = _rms_ratio_hint(got, expected, x, scale, eps) if two else None
    return hint and where + hint


def _rms_implied_eps(g, x, scale, eps):
    """'; yours divides by sqrt(mean(x**2) + E)' when one E fits every token, with what E is
    next to eps (eps / emb_dim, twice eps, ...), else ''."""
    d = x.shape[-1]
    b = (scale.double() * x.double()).reshape(-1, d)
    ms = x.double().reshape(-1, d).pow(2).mean(-1)
    e = (b[:, 0] / g[:, 0]).pow(2) - ms  # the eps each token's divisor implies
    if eps and not (b[:, 0].abs() < 1e-9).any() and bool(torch.isfinite(e).all()):
        none, full = (e.abs() < 0.02 * eps), ((e - eps).abs() < 0.02 * eps)
        if bool((none | full).all()) and bool(none.any()) and bool(full.any()):
            small = bool((ms[full] < ms[none].min()).all())  # eps kept for the small ones
            return (f"; tokens {none.nonzero().flatten().tolist()} are divided by "
                    f"sqrt(mean(x**2)) with no eps, the others by sqrt(mean(x**2) + eps): "
                    "eps is added to some tokens only" + (
                        ", those whose mean of squares is below a limit (a guard such as "
                        "torch.where(ms < eps, ms + eps, ms))" if small else
                        " (a condition on each token)")
                    + "; add it to every token, torch.rsqrt(mean(x**2) + eps)")
    if (b[:, 0].abs() < 1e-9).any() or not torch.isfinite(e).all() or \
            (e.max() - e.min()).abs() > 0.02 * e.abs().mean() or e.abs().mean() < 1e-3 * eps \
            or e.abs().min() < 1e-5 * ms.max():  # below float32's rounding of the root
        return ""
    e, k = e.mean().item(), e.mean().item() / eps
    named = next((why for want, why in [
        (1 / d, f"eps / emb_dim (eps / {d}): eps added to the SUM of squares before the "
                "division by emb_dim; add it to the mean, mean(x**2) + eps"),
        (2.0, "twice eps: eps added two times (to each square or the sum, and again to the "
              "mean?); add it once, mean(x**2) + eps"),
        (float(d), f"emb_dim * eps ({d} * eps): eps added to the sum of squares after the "
                   "division, or to every square and summed; add it once to the mean"),
        (-1.0, "minus eps: eps subtracted; add it, mean(x**2) + eps")]
        if abs(k - want) < 0.02 * abs(want)), None)
    return (f"; yours divides every token by sqrt(mean(x**2) + {e:.4g}), where eps = {eps:g}: "
            + (named or f"{k:.4g} times eps; add eps itself inside the root, mean(x**2) + "
               "eps"))


def _rms_divisor_hint(got, x, scale, norm=None):
    """Fit ``got = scale * x / sqrt(sum(x**2) / c)``: one constant c for every value means the
    sum of squares was divided by c, not by emb_dim (eps aside: only for non-tiny inputs). With
    a single token any per-token factor fits, so ``norm`` is asked again with two tokens."""
    g, d = got.double(), x.shape[-1]
    if g.reshape(-1, d).shape[0] < 2:
        if norm is None:
            return None
        row = x.reshape(-1, d)[0]
        x2 = torch.stack((row, row.flip(0) * 3.0 - 1.0))  # two tokens of other sizes
        try:
            with torch.no_grad():
                again = norm(x2.clone())
        except Exception:  # noqa: BLE001 - no evidence either way
            return None
        if not isinstance(again, torch.Tensor) or again.shape != x2.shape:
            return None
        return _rms_divisor_hint(again.detach(), x2, scale)
    if x.pow(2).mean(-1).min() < 1e-2 and norm is not None:
        # tiny vectors, where eps hides a constant in the divisor: ask again at a normal size
        big = x * (1.0 / x.pow(2).mean(-1, keepdim=True).sqrt().clamp(min=1e-12)) * 2.0
        try:
            with torch.no_grad():
                again = norm(big.clone())
        except Exception:  # noqa: BLE001 - no evidence either way
            return None
        if not isinstance(again, torch.Tensor) or again.shape != big.shape:
            return None
        hint = _rms_divisor_hint(again.detach(), big, scale)
        return hint and ("asked again with the same token vectors scaled to a root mean square "
                         "of 2 (where eps is negligible): " + hint)
    base = scale.double() * x.double() * torch.rsqrt(x.double().pow(2).sum(-1, keepdim=True))
    if not torch.isfinite(g).all() or (base.abs() < 1e-3).any() or \
            x.pow(2).mean(-1).min() < 1e-2:
        return None
    c = (g / base).pow(2)
    if (g / base).min() <= 0 or (c.max() - c.min()) > 1e-3 * c.max():
        return None
    c = c.mean().item()
    if abs(c - d * d) < 1e-3 * d * d:
        return (f"you divided by the L2 norm over emb_dim (x.norm(...) / {d}); the root mean "
                "square is the norm over the ROOT of emb_dim, x.norm(...) / emb_dim ** 0.5, or "
                "sqrt(mean(x**2) + eps)")
    if abs(c - round(c)) < 1e-3 * c and round(c) != d:
        f = (round(c) / d) ** 0.5
        size = "too large" if f > 1 else "too small"
        names = ["batch", "tokens"][-(x.dim() - 1):] if 1 < x.dim() <= 3 else []
        dim = next((i for i in range(x.dim() - 1) if x.shape[i] == round(c)), None)
        source = (f"x.shape[{dim}] here, the {names[dim]} of this {tuple(x.shape)} input: a "
                  "size read from another dimension than the last?" if dim is not None and
                  names else "a size fixed in the code?")
        return (f"every token comes out {f:.4g} times the expected value (sqrt({round(c)} "
                f"/ {d}), {size}), as when the sum of squares is divided by {round(c)}, "
                f"not by emb_dim = {d} ({round(c)} is {source}), or the result gets an "
                "extra constant factor: take the mean over the last dimension, "
                "x.pow(2).mean(dim=-1, keepdim=True), which divides by x.shape[-1], and "
                "multiply by nothing but self.scale")
    return None


def _relation_first(got, expected):
    """describe_difference's relation (a factor, a sign, an offset, reordered values), else
    where the values differ (which entries, along which dim), and a space; "" for neither."""
    relation = describe_difference(got, expected) if got.shape == expected.shape else ""
    return relation + " " if relation else ""


def _extra_x_term(got, expected, x):
    """'yours is the expected output plus c * x' when one c fits every value, else None."""
    diff, xd = got.detach().double() - expected.double(), x.double()
    big = xd.abs() > 0.1 * xd.abs().max()
    if diff.shape != xd.shape or int(big.sum()) < 2:
        return None
    c = diff[big] / xd[big]
    if (c.max() - c.min()).abs() > 1e-3 * c.abs().max() or c.abs().min() < 1e-4 or \
            not torch.allclose(diff, c.mean() * xd, atol=1e-5, rtol=1e-3):
        return None
    c = c.mean().item()
    return (f"What differs: yours is the expected output plus {c:.4g} * x, the input itself "
            "(scaled) added to the normalised result" + (
                ": a shortcut x + norm(x) belongs in the transformer block, not in RMSNorm"
                if abs(c - 1) < 1e-3 else "") + "; return only scale * x * torch.rsqrt("
            "mean(x**2) + eps)")


def _low_precision_hint(norm, got, expected, x):
    """Every value within 1% of the expected, beyond float32's rounding: a half-precision
    step. Tokens of size 100 tell float16 (x**2 overflows past 65504) from bfloat16."""
    rel = float(((got.double() - expected.double()).abs()
                 / expected.double().abs().clamp(min=1e-6)).max())
    if not 1e-4 < rel < 1e-2:
        return None
    big = torch.linspace(100.0, 400.0, x.shape[-1]).expand(2, -1).clone()
    try:
        with torch.no_grad():
            again = norm(big.clone())
    except Exception:  # noqa: BLE001 - no evidence either way
        again = None
    overflow = isinstance(again, torch.Tensor) and again.shape == big.shape and not bool(
        (again.abs() > 1e-3).all() and torch.isfinite(again).all())
    return (f"every value is within {rel:.2g} (relative) of the expected one, far above "
            "float32's rounding: part of the computation runs in a lower precision and is cast "
            "back" + (" -- float16: with tokens of size 100 to 400 yours gives 0, inf or NaN, "
                      "as x**2 overflows float16's largest value, 65504" if overflow else
                      " (float16 or bfloat16: .half(), .to(torch.bfloat16), an autocast?)")
            + "; compute in x's own dtype (or in float32, then .to(x.dtype))")


def _sign_flips(got, expected, x):
    """Evidence for a fallback: yours has the opposite sign of the expected value at some (not
    all) entries; how many, whether exactly where x is negative, and whether the sizes agree."""
    g, e = got.double(), expected.double()
    flipped = g * e < 0
    if not bool(flipped.any()) or bool(flipped.all()) or not bool(torch.isfinite(g).all()):
        return ""
    size = bool(torch.allclose(g.abs(), e.abs(), rtol=1e-4, atol=1e-9))
    neg = torch.equal(flipped, x < 0)
    return (f"yours has the opposite sign at {int(flipped.sum())} of {e.numel()} values"
            + (" -- exactly where x is negative" if neg else "")
            + (", with the right size everywhere" if size else ", and the sizes differ too")
            + (": the sign of x is lost (x.abs(), a square root of x**2, or x**2 where x "
               "belongs?); RMSNorm keeps it, self.scale * x * torch.rsqrt(mean(x**2) + eps); "
               if neg else ": something flips the sign of some values; "))


def _rms_implied(got, x, scale, eps):
    """Evidence for the fallback: the divisor your first token implies, when yours is
    scale * x over one number, else that it is not of that form."""
    g = got.double().reshape(-1, x.shape[-1])[0]
    b = (scale.double() * x.double()).reshape(-1, x.shape[-1])[0]
    want = float(torch.sqrt(x.double().reshape(-1, x.shape[-1])[0].pow(2).mean() + eps))
    if not torch.isfinite(g).all() or (b.abs() < 1e-9).any():
        return ""
    zero = (g.abs() < 1e-12).nonzero().flatten().tolist()
    if zero:
        return (f"your first token is 0 at positions {zero} where scale * x is not (x there is "
                f"{[round(float(v), 4) for v in x.reshape(-1, x.shape[-1])[0][zero]]}): yours "
                "is not scale * x divided by one number, so x itself is changed before the "
                "division (something subtracted?); ")
    r = b / g  # the divisor each value of token 0 implies
    unit = g / scale.double().reshape(-1)[: g.numel()]
    if torch.allclose(unit.abs(), torch.ones_like(unit), atol=1e-4):
        return (f"your first token is +-scale at every position ({[round(float(v), 4) for v in g]}"
                "): each value is divided by its own size (x / |x|, a mean over a dimension of "
                "size 1, or x clamped or rounded to +-1 first), so only the sign of x is left; ")
    if (r - r[0]).abs().max() <= 1e-4 * r[0].abs():
        implied = _rms_implied_eps(got.double().reshape(-1, x.shape[-1])[:1],
                                   x.reshape(-1, x.shape[-1])[:1], scale, eps)
        return (f"your first token is scale * x divided by {float(r[0]):.6g}, where "
                f"sqrt(mean(x**2) + eps) = {want:.6g}: the divisor is wrong{implied}; ")
    return (f"your first token is not scale * x divided by one number (the values imply "
            f"divisors from {float(r.min()):.4g} to {float(r.max()):.4g}; expected "
            f"{want:.6g} for all): something other than one per-token divisor changes it; ")


def _len_rows_hint(norm, x, scale, eps):
    """On a single-row input, sum / len(x) is the plain sum: ask again with three rows."""
    x3 = torch.cat((x, x.flip(-1) * 2.0 - 1.0, x * 0.5 + 1.0))  # (3, emb_dim)
    try:
        with torch.no_grad():
            again = norm(x3.clone())
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    rows = scale * x3 / torch.sqrt(x3.pow(2).sum(-1, keepdim=True) / 3 + eps)
    if isinstance(again, torch.Tensor) and again.shape == x3.shape and \
            torch.allclose(again, rows, atol=1e-4):
        return ("the sum of squares is divided by len(x) = x.shape[0], the number of rows (1 "
                "here, so it was the plain sum; with 3 rows yours divides by 3): divide by "
                "emb_dim = x.shape[-1], or use x.pow(2).mean(dim=-1, keepdim=True)")
    return None


def _mean_dims_hint(norm, x, scale, eps):
    """On a 2-D input the mean over the whole tensor, over dims (0, -1) and over dims (0, 1)
    agree: ask again with a 3-D input and name the dims that reproduce it."""
    x3 = torch.stack((x, x.flip(-1) * 2.0 - 1.0))  # (2, tokens, emb_dim)
    try:
        with torch.no_grad():
            again = norm(x3.clone())
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not (isinstance(again, torch.Tensor) and again.shape == x3.shape):
        return None
    for dims, words in (((0, 2), "the batch and the features, dim=(0, -1), so every token's "
                         "root mixes in the same token of the other batch rows"),
                        ((0, 1), "the batch and the tokens, dim=(0, 1) (the first two dims, "
                         "not the last), so each feature is divided by its own root over "
                         "every token")):
        want = scale * x3 / torch.sqrt(x3.pow(2).mean(dim=dims, keepdim=True) + eps)
        if torch.allclose(again, want, atol=1e-4, rtol=1e-4):
            return (f"the mean of squares is over {words} (on this 2-D input that is the "
                    "whole tensor; a 3-D input shows which dims); take it over the last "
                    "dimension only: x.pow(2).mean(dim=-1, keepdim=True)")
    return None


def _default_eps_hint(impl, got, x, scale):
    """The constructor's own default eps, named when it is not 1e-6 and reproduces ``got``."""
    try:
        default = inspect.signature(impl).parameters["eps"].default
        mine = scale * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + default)
    except Exception:  # noqa: BLE001 - no readable default: no evidence
        return None
    if default == 1e-6 or not torch.allclose(got, mine, rtol=1e-4, atol=1e-9):
        return None
    return (f"your constructor's default is eps={default:g}, and yours is RMSNorm with that "
            "eps" + (" (1e6, a million: the minus sign of 1e-6 is missing)"
                     if default == 1e6 else "") + "; RMSNorm's default is eps=1e-6")


def _eps_mistakes(x, scale, eps, default):
    """Outputs of RMSNorm with the wrong eps: a wrong default, or the argument ignored."""
    ms = x.pow(2).mean(-1, keepdim=True)
    tiny = torch.finfo(x.dtype).eps  # what torch's F.rms_norm / nn.RMSNorm use for eps=None
    builtin = {f"eps is not passed on, or is replaced by the dtype's epsilon: yours adds "
               f"torch.finfo(x.dtype).eps = {tiny:.3g}, not {eps:g} (torch's F.rms_norm or "
               "nn.RMSNorm without eps= use it, and so does max(eps, torch.finfo(x.dtype)"
               ".eps)); use the eps given as it is, eps=self.eps":
               scale * x / torch.sqrt(ms + tiny)}
    for dt in (torch.float16, torch.bfloat16):
        rounded = torch.tensor(eps, dtype=dt).item()
        if rounded != eps:
            builtin[f"eps is rounded to {str(dt)[6:]} ({eps:g} becomes {rounded:.4g}: a "
                    f"torch.tensor(eps, dtype={dt}) or a {str(dt)[6:]} buffer); keep eps a "
                    "plain float, self.eps = eps"] = scale * x / torch.sqrt(ms + rounded)
    if bool((ms < eps).any()):  # else a floor at eps changes nothing: eps missing, to the eye
        builtin["eps is a floor here (mean(x**2).clamp(min=eps), or max(mean, eps)), so it "
                "acts only where the mean of squares is below eps; add it, "
                "torch.rsqrt(mean(x**2) + eps)"] = scale * x * torch.rsqrt(ms.clamp(min=eps))
    if default:
        return {**{f"the default eps is {e:g}; RMSNorm's default is eps=1e-6":
                   scale * x / torch.sqrt(ms + e) for e in (1e-5, 1e-8, 0.0)}, **builtin}
    zero = (": 0 is falsy, so `eps or 1e-6` (or `if not eps`) replaces it, and a floor on "
            "eps, max(eps, 1e-6), lifts it as well; test `eps is None` if you need a default, "
            "and pass every other eps on as it is" if eps == 0 else "")
    return {**{f"the eps argument is ignored (you used {e:g}, it was {eps:g}){zero}: store it, "
               "self.eps = eps, and use self.eps in forward":
               scale * x / torch.sqrt(ms + e) for e in (1e-6, 1e-5) if e != eps}, **builtin}


@one_thread
def check_rms_norm(impl):
    gen = torch.Generator().manual_seed(20)
    done = []  # the cases that passed, for the contrast in the fallback hint
    sizes = [(4, 1e-6, (1, 4)), (7, 1e-6, (5, 7)), (10, 1e-5, (2, 3, 10)), (6, 1e-4, (3, 6)),
             (5, None, (4, 5)), (6, 0.0, (2, 6))]
    cases = [(f"case {i + 1} of {len(sizes) + 1}", lambda answer, size=size: _rms_case(
        answer, *size, gen, done)) for i, size in enumerate(sizes)]
    cases.append((f"case {len(sizes) + 1} of {len(sizes) + 1}", _rms_contracts))
    cases.append(("the width passed by name", _rms_by_name))
    cases.append(("eps passed by position", _rms_by_position))
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(impl, cases))


def _rms_by_name(impl):
    """RMSNorm(emb_dim=5, eps=1e-5): the constructor's parameters under their own names."""
    what = "RMSNorm(emb_dim=5, eps=1e-5) (both arguments passed by name)"
    norm = call_by_name(impl, what, "RMSNorm(emb_dim, eps=1e-6)", emb_dim=5, eps=1e-5)
    x = torch.randn(3, 5, generator=torch.Generator().manual_seed(46))
    got = _tensor(call_answer(norm, (x.clone(),), what), what, x.shape)
    assert_close(got, RMSNorm(5, eps=1e-5)(x).detach(), what, atol=1e-5)


def _rms_by_position(impl):
    """RMSNorm(5, 1e-3): eps is the second parameter, so a caller may pass it by position."""
    what = "RMSNorm(5, 1e-3) (eps passed by position, as the second argument)"
    signature = "RMSNorm(emb_dim, eps=1e-6)"
    try:
        norm = impl(5, 1e-3)
    except TypeError as err:
        if "positional argument" not in str(err):
            raise
        try:
            params = inspect.signature(impl).parameters
        except (TypeError, ValueError):  # no signature to show
            params = {}
        kw_only = [name for name, p in params.items() if p.kind is p.KEYWORD_ONLY]
        why = (f" Your {', '.join(kw_only)} is keyword-only (after * in the parameter list); "
               "drop the *, so that RMSNorm(emb_dim, 1e-5) works as well as eps=1e-5."
               if kw_only else f" Your parameters are ({', '.join(params)}).")
        raise CheckFailure(f"{what}: your code raised TypeError: {err}.{why} The constructor "
                           f"is {signature}: the width, then eps, both may come by position"
                           ) from err
    x = torch.linspace(-2e-3, 2e-3, 15).reshape(3, 5)  # tiny: eps=1e-3 changes it a lot
    got = _tensor(call_answer(norm, (x.clone(),), what), what, x.shape)
    assert_close(got, RMSNorm(5, eps=1e-3)(x).detach(), what, atol=1e-5, hint=lambda: (
        "the second positional argument does not reach eps: the constructor is "
        f"{signature}, with eps second"))


def _rms_case(impl, emb_dim, eps, shape, gen, done):
    """One case of check_rms_norm: RMSNorm(emb_dim, eps) on an input of ``shape``, after the
    ``done`` cases."""
    label = "the default eps" if eps is None else f"eps={eps:g}"
    signature = ("The constructor is RMSNorm(emb_dim, eps=1e-6): the width first, then "
                 "eps, under that name (the check passes eps=... by keyword)")
    try:
        norm = impl(emb_dim) if eps is None else impl(emb_dim, eps=eps)
    except TypeError as err:
        if "keyword argument" not in str(err) and "positional argument" not in str(err):
            raise CheckFailure(f"RMSNorm({emb_dim}, {label}) raised TypeError: {err}") \
                from err
        raise CheckFailure(f"RMSNorm({emb_dim}{'' if eps is None else f', eps={eps:g}'}) "
                           f"raised TypeError: {err}. {signature}") from err
    note = ("a 3-D (batch, tokens, emb_dim) input" if len(shape) == 3 else
             "tiny values of both signs (|x| about 1e-3, where eps matters)"
             if emb_dim in (5, 6, 7) else "a (1, 4) input of positive values")
    params = dict(norm.named_parameters())
    if set(params) != {"scale"}:
        raise CheckFailure(f"RMSNorm({emb_dim}) has the parameters {sorted(params)}; expected "
                           f"exactly 'scale' (an nn.Parameter of ones, shape ({emb_dim},))"
                           + _param_hint(norm, params, emb_dim))
    if not torch.equal(params["scale"].detach(), torch.ones(emb_dim)):
        start = params["scale"].detach()
        yours = (f"shape {tuple(start.shape)}: the right {emb_dim} values with an extra "
                 "dimension of size 1; make it one-dimensional, torch.ones(emb_dim)"
                 if start.shape != (emb_dim,) and start.numel() == emb_dim else
                 f"shape {tuple(start.shape)}: the size is fixed in the code; use emb_dim"
                 if start.shape != (emb_dim,) else
                 f"values {start[:3].tolist()}...: initialise with torch.ones(emb_dim)")
        fresh = fresh_copy(impl) if done else None
        try:
            kept = fresh is not None and torch.equal(
                fresh(emb_dim).scale.detach(), torch.ones(emb_dim))
        except Exception:  # noqa: BLE001 - no evidence either way
            kept = False
        if kept:
            yours = (f"values {start[:3].tolist()}..., an earlier layer's, while a freshly "
                     "loaded copy of your file starts at ones: your code keeps state "
                     "between calls, and the layers share one scale tensor (made once at "
                     "module level or on the class); create it in __init__, self.scale = "
                     "nn.Parameter(torch.ones(emb_dim))")
        raise CheckFailure(f"RMSNorm({emb_dim}).scale must start as ones of shape "
                           f"({emb_dim},); yours has {yours}")
    if params["scale"].dtype != torch.get_default_dtype():
        raise CheckFailure(f"RMSNorm({emb_dim}).scale is {params['scale'].dtype}; create it "
                           "in torch's default dtype, torch.ones(emb_dim) with no dtype= "
                           "argument: a float64 scale turns float32 activations into "
                           "float64, a float16 or bfloat16 one rounds the learned scale at "
                           "every update (the model's dtype is set later, with "
                           "model.to(...))")
    if not params["scale"].requires_grad:
        raise CheckFailure(f"RMSNorm({emb_dim}).scale has requires_grad=False, so training "
                           "never updates it: a learned scale is nn.Parameter(torch.ones("
                           "emb_dim)), which requires a gradient by default")
    x = torch.randn(*shape, generator=gen) * 3 + 1
    if emb_dim == 7:  # tiny vectors: mean(x**2) near 1e-6, where eps matters
        x = torch.randn(*shape, generator=gen) * 1e-3
    if emb_dim in (5, 6):  # tiny vectors again: a given or default eps must be used
        x = torch.randn(*shape, generator=gen) * 3e-3
    if emb_dim == 4:
        x = torch.tensor([[1.0, 2.0, 3.0, 4.0]])
    scale = torch.linspace(0.5, 2.0, emb_dim)
    with torch.no_grad():
        params["scale"].copy_(scale)
        x_in = x.clone()
        got = call_answer(norm, (x_in,), f"RMSNorm({emb_dim}, {label}) on {shape}",
                          hints=[("range of [-2, 1], but got 2)", "a dim of 2 on this "
                                  "2-D (tokens, emb_dim) input: dim=2 is the last "
                                  "dimension only of 3-D (batch, tokens, emb_dim) inputs; "
                                  "RMSNorm takes any number of leading dimensions, so use "
                                  "dim=-1"),
                                 ("must match the size", "the mean of squares lost its "
                                  "last dimension, so it does not line up with x: keep it, "
                                  "x.pow(2).mean(dim=-1, keepdim=True)"),
                                 ("'tuple'", "a tuple took part in the arithmetic: is "
                                  "self.eps (or scale) a tuple? A trailing comma, self.eps "
                                  "= eps, stores (eps,); drop the comma")])
        lead = got.dim() - x.dim() if isinstance(got, torch.Tensor) else 0
        if lead > 0 and tuple(got.shape[lead:]) == tuple(shape) and \
                set(got.shape[:lead]) == {1}:
            viewed = _scale_views(norm, x)
            if viewed:
                raise CheckFailure(
                    f"RMSNorm({emb_dim}, {label})'s output has shape {tuple(got.shape)}, "
                    f"expected {tuple(shape)}: self.scale was reshaped to {viewed[1]} (by "
                    f"{viewed[0]}) inside forward, and multiplying the {x.dim()}-D x by a "
                    f"{len(viewed[1])}-D scale adds leading dims of size 1 to the output; "
                    "use self.scale as it is, shape (emb_dim,): it lines up with the last "
                    "dimension of any input")
        if isinstance(got, torch.Tensor) and 1 in shape and \
                tuple(got.shape) == tuple(s for s in shape if s != 1):
            raise CheckFailure(
                f"RMSNorm({emb_dim}, {label})'s output has shape {tuple(got.shape)}, expected "
                f"{tuple(shape)}: the size-1 dims of x are gone, so a squeeze() or "
                "squeeze(0) inside drops a batch of one (or one token); leave x's dims as "
                "they are: the mean over dim=-1 with keepdim=True needs no squeeze")
        if isinstance(got, torch.Tensor) and tuple(got.shape) != tuple(shape) and \
                got.numel() == x.numel() and got.shape[-1] == emb_dim:
            raise CheckFailure(
                f"RMSNorm({emb_dim}, {label})'s output has shape {tuple(got.shape)}, expected "
                f"{tuple(shape)}: yours holds as many values as x, in another shape, so a "
                "reshape or view inside (to a fixed 3-D (batch, -1, emb_dim), or 2-D "
                "(-1, emb_dim)) is not undone; return x's shape, or leave x as it is: the "
                "mean over dim=-1 with keepdim=True works for any number of leading dims")
        got = _tensor(got, f"RMSNorm({emb_dim}, {label})'s output", shape)
        ref = RMSNorm(emb_dim) if eps is None else RMSNorm(emb_dim, eps=eps)
        ref.scale.copy_(scale)
        expected = ref(x)
    if not torch.equal(x_in, x) and not torch.allclose(got.double(), expected.double(),
                                                      atol=1e-5):
        squared = x_in.shape == x.shape and torch.allclose(x_in, x * x, rtol=1e-6)
        raise CheckFailure(
            f"RMSNorm({emb_dim}, {label}) on a {tuple(shape)} input is wrong, and it changed "
            "its input in place: " + (
                "after the call the caller's x holds x**2, so you squared the caller's input "
                "in place (x.pow_(2), x.square_(), x **= 2 or x *= x) to get the mean of "
                "squares, and the output is then computed from the squared x; square a new "
                "tensor, x.pow(2).mean(dim=-1, keepdim=True)" if squared else
                f"after the call the caller's x differs from what was passed (first values "
                f"{[round(v, 4) for v in x_in.flatten()[:3].tolist()]}, passed "
                f"{[round(v, 4) for v in x.flatten()[:3].tolist()]}): an in-place operation "
                "on x (a method ending in _, x *= ..., x[...] = ...) changed it, and the "
                "output is computed from the changed values; build new tensors, x * "
                "torch.rsqrt(...)"))
    mistakes = {**_rms_mistakes(x, scale, ref.eps),
                **_eps_mistakes(x, scale, ref.eps, default=eps is None)}
    # tiny outputs: a looser tolerance would let every near-0 replay match
    hint = (_default_eps_hint(impl, got, x, scale) if eps is None else None) or _likely(
        got, mistakes, atol=min(1e-4, 1e-3 * float(got.abs().max())))
    if hint and ("mean of |x|" in hint or "SQUARED MEAN" in hint) and \
            bool((x >= 0).all()):
        # on positive inputs mean(|x|) and |mean(x)| agree: ask again with mixed signs
        signs = (-1.0) ** torch.arange(emb_dim)
        with torch.no_grad():
            again = norm(x * signs)
        if isinstance(again, torch.Tensor) and again.shape == x.shape:
            hint = _likely(again, _rms_mistakes(x * signs, scale, ref.eps),
                           atol=1e-4) or hint
    if hint and hint.startswith("eps is missing or does nothing"):
        hint = _large_eps_probe(impl) or hint
    if hint and hint.startswith("the mean is over the wrong dimension") and \
            x.dim() == 2 and x.shape[0] == 1:  # one row: dim 0 gives scale * sign(x)
        x3 = torch.cat((x, x.flip(-1) * 2.0 - 1.0, x * 0.5 + 1.0))
        try:
            with torch.no_grad():
                again = norm(x3.clone())
        except Exception:  # noqa: BLE001 - no evidence either way
            again = None
        if not (isinstance(again, torch.Tensor) and again.shape == x3.shape and
                torch.allclose(again, scale * x3 / torch.sqrt(
                    x3.pow(2).mean(0, keepdim=True) + ref.eps), atol=1e-4)):
            hint = None
    if hint and hint.startswith("the mean of squares is over the whole tensor") and \
            x.dim() == 2:
        hint = _mean_dims_hint(norm, x, scale, ref.eps) or hint
    if hint and hint.startswith("you divided by the root of the SUM") and \
            x.dim() == 2 and x.shape[0] == 1:
        hint = _len_rows_hint(norm, x, scale, ref.eps) or hint
    passed = "; ".join(done)
    hint = hint or _low_precision_hint(norm, got, expected, x) or \
        _extra_x_term(got, expected, x) or _rms_divisor_hint(got, x, scale, norm) or \
        _rms_ratio_hint(got, expected, x, scale, ref.eps) or \
        _two_token_ratio(norm, got, x, scale, ref.eps) or (
        _relation_first(got, expected) +
        (_sign_flips(got, expected, x) or _rms_implied(got, x, scale, ref.eps)) +
        "divide each token vector by sqrt(mean(x**2 over the last dim) + eps), then "
        "multiply by scale" + (f" (right for {passed}; this case has {note}: that is the "
                               "difference to look at)." if done else "."))
    assert_close(got, expected, f"RMSNorm({emb_dim}, {label}) on a {tuple(shape)} input",
                 atol=1e-5, hint=hint)
    done.append(f"RMSNorm({emb_dim}, {label}) on {tuple(shape)}")
    if emb_dim in (7, 10):  # eval mode: the same formula (tiny values: eps matters too)
        norm.eval()
        with torch.no_grad():
            evaluated = call_answer(norm, (x.clone(),), f"RMSNorm({emb_dim}) in eval mode")
        norm.train()
        if not (isinstance(evaluated, torch.Tensor) and evaluated.shape == expected.shape
                and torch.allclose(evaluated.double(), expected.double(), atol=1e-5)):
            bare = x.double() * torch.rsqrt(x.double().pow(2).mean(-1, keepdim=True))
            seen = next((why for why, value in [
                ("the scale is left out in eval mode", bare * torch.rsqrt(
                    1 + ref.eps / x.double().pow(2).mean(-1, keepdim=True))),
                ("eps is left out in eval mode (this input has tiny values, where eps "
                 "matters): is eps added only in training?", bare * scale.double())]
                if isinstance(evaluated, torch.Tensor) and evaluated.shape == expected.shape
                and torch.allclose(evaluated.double(), value, atol=1e-5)), None)
            raise CheckFailure(
                f"RMSNorm({emb_dim}, {label}) on a {tuple(shape)} input is right in train "
                "mode but not after .eval()" + (f": {seen}" if seen else "") + ". RMSNorm "
                "keeps no running statistics (unlike BatchNorm) and has no dropout, so it "
                "normalises each token by its own mean of squares, eps inside the root, and "
                "multiplies by scale in both modes; drop any self.training branch")
    twin = impl(emb_dim) if eps is None else impl(emb_dim, eps=eps)
    with torch.no_grad():
        twin.scale.copy_(scale)
    _second_call(norm, twin, x, ref, f"RMSNorm({emb_dim}, {label})",
                 "the root mean square")
    if not torch.equal(x_in, x):
        raise CheckFailure(f"RMSNorm({emb_dim}) changed its input in place (x *= ..., "
                           "x.mul_(...)): the caller's tensor must stay as it was; write "
                           "x = x * torch.rsqrt(...)")


class _ScaleSpy(torch.overrides.TorchFunctionMode):
    """Records the reshapes that turn ``scale`` itself into a tensor of 2 or more dims."""

    RESHAPES = {"view", "reshape", "unsqueeze", "__getitem__", "expand", "view_as",
                "reshape_as", "expand_as", "unflatten", "repeat", "broadcast_to"}

    def __init__(self, scale):
        super().__init__()
        self.scale, self.seen = scale, []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        name = getattr(func, "__name__", "")
        if args and args[0] is self.scale and isinstance(out, torch.Tensor) and \
                out.dim() > 1 and name in self.RESHAPES:
            self.seen.append(("indexing with None" if name == "__getitem__" else
                              f".{name}(...)", tuple(out.shape)))
        return out


def _scale_views(norm, x):
    """(function, shape) of the first reshape of the layer's scale inside forward, or None."""
    spy = _ScaleSpy(norm.scale)
    try:
        with torch.no_grad(), spy:
            norm(x.clone())
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    return spy.seen[0] if spy.seen else None


def _rms_contracts(impl):
    """check_rms_norm's calls on separate layers, gradients, dtypes and a non-contiguous
    input."""
    first, second = impl(6), impl(6)
    if isinstance(getattr(first, "scale", None), torch.Tensor) and \
            first.scale.data_ptr() == second.scale.data_ptr():
        raise CheckFailure("two RMSNorm(6) layers share one scale tensor: each layer (norm1 and "
                           "norm2 of every block) learns its own scale; create it in __init__, "
                           "self.scale = nn.Parameter(torch.ones(emb_dim)), not once for all "
                           "(a module-level or class-level tensor, a default argument)")
    _eps_per_layer(impl)
    _rms_norm_grad(impl)
    _scale_updated(impl)
    _scale_keeps_dtype(impl)
    _eps_after_half_call(impl)
    out = impl(6)(torch.ones(2, 6))
    if isinstance(out, torch.Tensor) and out.dtype != torch.float32:
        raise CheckFailure(f"RMSNorm returned {out.dtype} for a torch.float32 input: keep the "
                           "input's dtype (no x.double() or .to(torch.float64) inside; if you "
                           "compute in another dtype, cast back with .to(x.dtype))")
    # Qwen3 normalises queries and keys after .transpose(1, 2): a non-contiguous input
    x = torch.linspace(-2.0, 3.0, 36).reshape(2, 3, 6).transpose(0, 1)
    what = "RMSNorm(6) on a non-contiguous (3, 2, 6) input (a transposed tensor)"
    got = call_answer(impl(6), (x,), what, hints=[("view size is not compatible", (
        "the input is not contiguous (a transposed tensor, as Qwen3's queries and keys are "
        "after .transpose(1, 2)), and .view cannot flatten such a tensor: use .reshape, or "
        "normalise over dim=-1 without flattening"))])
    assert_close(_tensor(got, what, x.shape), RMSNorm(6)(x), what, atol=1e-5)
    x = torch.linspace(-2.0, 3.0, 6)  # one vector: shape in = shape out holds for 1-D too
    what = "RMSNorm(6) on a 1-D (6,) input (a single vector)"
    got = call_answer(impl(6), (x.clone(),), what)
    if isinstance(got, torch.Tensor) and tuple(got.shape) == (1, 6):
        raise CheckFailure(f"{what} returned shape (1, 6): shape in = shape out, for a single "
                           "vector too; the extra leading dim of size 1 comes from a tensor "
                           "viewed as a row, (1, emb_dim) (self.scale.view(1, -1), or an "
                           "unsqueeze(0)), which broadcasting puts in front; multiply by "
                           "self.scale as it is, shape (emb_dim,)")
    nonzero = x * torch.rsqrt(x.pow(2).sum() / (x != 0).sum() + 1e-6)  # 5 of the 6 values
    got = _tensor(got, what, x.shape)
    assert_close(got, RMSNorm(6)(x), what, atol=1e-5, hint=(
        f"this vector holds a 0 ({x.tolist()}), and yours divides the sum of squares by the "
        "5 NON-ZERO values instead of emb_dim = 6 (a count such as (x != 0).sum()): zeros "
        "count in the mean too, x.pow(2).mean(dim=-1, keepdim=True)") if torch.allclose(
            got, nonzero, atol=1e-5) else None)
    # one token per sequence (a generation step with a KV cache): a .squeeze() of the mean of
    # squares drops the token axis too, and the root no longer lines up with its rows
    x = torch.linspace(-2.0, 3.0, 18).reshape(3, 1, 6)
    what = "RMSNorm(6) on a (3, 1, 6) input (one token per sequence, as in generation)"
    got = call_answer(impl(6), (x.clone(),), what)
    if isinstance(got, torch.Tensor) and tuple(got.shape) != (3, 1, 6):
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected (3, 1, 6), while "
                           "(2, 3, 10) and (5, 7) inputs kept theirs: an axis of size 1 (the "
                           "single token) was dropped, a .squeeze() of the mean of squares "
                           "(or of x), so the (3,) roots broadcast against the wrong axis; "
                           "keep every axis, x.pow(2).mean(dim=-1, keepdim=True)")
    assert_close(_tensor(got, what, x.shape), RMSNorm(6)(x), what, atol=1e-5)
    x = torch.linspace(-2.0, 3.0, 10, dtype=torch.float64).reshape(2, 5)
    got = _tensor(call_answer(impl(5), (x.clone(),), "RMSNorm on a float64 input"),
                  "RMSNorm(5)'s output on a float64 input", x.shape)
    if got.dtype != x.dtype:
        raise CheckFailure(f"RMSNorm returned {got.dtype} for a {x.dtype} input: keep the "
                           "input's dtype (if you compute in float32, cast back with "
                           ".to(x.dtype))")
    # a layer moved to a GPU (the meta device stands in): eps or buffers made in forward
    what = "RMSNorm(6) moved to the meta device (standing in for a GPU), on a (2, 6) input there"
    try:  # meta tensors hold no numbers: a crash for want of them is no evidence
        got = impl(6).to("meta")(torch.empty(2, 6, device="meta"))
    except Exception as err:  # noqa: BLE001
        if _mixed_devices(err):
            raise CheckFailure(
                f"{what}: your code raised {type(err).__name__}: {err}. A tensor made inside "
                "forward without device= (torch.tensor(eps) with a shape, torch.full((1,), "
                "eps), torch.ones(...)) is on the CPU and meets x on another device: keep eps "
                "a plain float, self.eps, or make the tensor with device=x.device") from err
        got = None
    away = tensors_not_on(got, "meta") if isinstance(got, torch.Tensor) else []
    if away:
        raise CheckFailure(f"{what}: {away[0]}, not on x's device: a tensor made without "
                           "device= (or a fixed .to(...)) holds the result; compute it from x")
    _half_layers(impl)
    _rms_state_dict(impl)


def _half_layers(impl):
    """A layer cast to float16, then one cast to bfloat16 (model.to(dtype)), on inputs of that
    dtype: the result keeps it. A float32 layer on a half input gives float32 by promotion
    (the scale is float32), so only a cast layer shows a branch on x.dtype (x.float() for
    float16 alone) or a cast to float32 not undone."""
    x = torch.linspace(-2.0, 3.0, 10).reshape(2, 5)
    kept = {}
    for dtype in (torch.float16, torch.bfloat16):
        what = f"RMSNorm(5).to({dtype}) on a {dtype} (2, 5) input"
        with torch.no_grad():
            got = call_answer(impl(5).to(dtype), (x.to(dtype),), what)
        got = _tensor(got, what, x.shape)
        kept[dtype] = got.dtype == dtype
        if not kept[dtype]:
            other = torch.bfloat16 if dtype == torch.float16 else torch.float16
            only = (f"; yours keeps {other} but not {dtype}: a branch on x.dtype == {dtype} "
                    "(x = x.float() for it alone) is not undone") if kept.get(other) or (
                        dtype == torch.float16 and _keeps_dtype(impl, other)) else (
                        "; a float32 tensor made inside without dtype= (eps as "
                        "torch.tensor([eps]) or torch.full((1,), eps), a buffer) also lifts "
                        "the result by promotion") if got.dtype == torch.float32 else ""
            raise CheckFailure(f"{what} returned {got.dtype}: keep the input's dtype in a "
                               "half-precision model (if you compute in float32 for "
                               "precision, cast back with .to(x.dtype))" + only)


def _keeps_dtype(impl, dtype):
    """Whether a layer cast to ``dtype`` keeps it on an input of that dtype."""
    try:
        with torch.no_grad():
            out = impl(5).to(dtype)(torch.ones(2, 5, dtype=dtype))
    except Exception:  # noqa: BLE001 - no evidence either way
        return False
    return isinstance(out, torch.Tensor) and out.dtype == dtype


def _rms_state_dict(impl):
    """The layer saves and loads exactly one tensor, ``scale``: an eps buffer or a second name
    for the scale adds keys that a checkpoint of the book's layer does not have."""
    norm = impl(6)
    keys = list(norm.state_dict())
    if keys == ["scale"]:
        return
    buffers = dict(norm.named_buffers())
    extra = [k for k in keys if k != "scale"]
    why = []
    for name in extra:
        value = getattr(norm, name, None) if "." not in name else None
        if value is not None and value is getattr(norm, "scale", None):
            why.append(f"'{name}' is the scale parameter itself under a second name (self."
                       f"{name} = self.scale), so it is saved twice and a checkpoint with "
                       f"only 'scale' no longer loads (missing key '{name}'); keep the one "
                       "name, self.scale")
        elif name in buffers:
            why.append(f"'{name}' is a buffer made with register_buffer, which is persistent "
                       "by default: it is saved with every checkpoint, and loading weights "
                       f"that lack it fails (missing key '{name}'); keep eps a plain float, "
                       "self.eps = eps (or pass persistent=False)")
    raise CheckFailure(f"RMSNorm(6).state_dict() has the keys {keys}; expected only ['scale'] "
                       "(the book's layer saves its scale and nothing else)" +
                       (": " + "; ".join(why) if why else ""))


def _eps_per_layer(impl):
    """A layer built before another layer with another eps must keep its own eps (other
    errors are left to the rest of the check)."""
    x = torch.linspace(-0.3, 0.3, 6).reshape(1, 6)  # small: eps=0.5 changes the result a lot
    first = impl(6, eps=0.5)
    impl(6, eps=1e-6)  # a second layer, as norm2 after norm1, with another eps
    what = "RMSNorm(6, eps=0.5), called after RMSNorm(6, eps=1e-6) was built"
    with torch.no_grad():
        got = _tensor(call_answer(first, (x.clone(),), what), what, (1, 6)).double()
        want, last = RMSNorm(6, eps=0.5)(x).double(), RMSNorm(6, eps=1e-6)(x).double()
    if not torch.allclose(got, want, atol=1e-5) and torch.allclose(got, last, atol=1e-5):
        raise CheckFailure(f"{what}, uses eps=1e-6, the eps of the layer built LAST: your code "
                           "keeps state between calls, eps lives outside the layer (a "
                           "module-level global or a class attribute set in __init__), so "
                           "every new layer overwrites it for all; keep it on self, self.eps = "
                           "eps")


def _eps_after_half_call(impl):
    """A layer called on a bfloat16 input must give a float32 input afterwards what a new
    layer gives it: an eps raised for the low-precision call and kept on self is not."""
    x = torch.linspace(-0.05, 0.06, 12).reshape(2, 6)  # small: a larger eps changes a lot
    norm, twin = impl(6), impl(6)
    before = getattr(norm, "eps", None)
    with torch.no_grad():
        try:
            norm(x.to(torch.bfloat16))
        except Exception:  # noqa: BLE001 - bfloat16 crashes are left to the other cases
            return
        what = "RMSNorm(6) called on a bfloat16 input, then on a float32 (2, 6) input"
        got = call_answer(norm, (x.clone(),), what)
        alone = call_answer(twin, (x.clone(),), what)
        want = RMSNorm(6)(x).double()
    if not (isinstance(got, torch.Tensor) and isinstance(alone, torch.Tensor) and
            got.shape == alone.shape == want.shape) or \
            torch.allclose(got.double(), want, atol=1e-5) or \
            not torch.allclose(alone.double(), want, atol=1e-5):
        return
    after = getattr(norm, "eps", None)
    changed = (f": self.eps went from {before!r} to {after!r} during the bfloat16 call"
               if isinstance(before, float) and isinstance(after, float) and before != after
               else "")
    raise CheckFailure(
        f"{what} is off by up to {(got.double() - want).abs().max().item():.4g}, while a new "
        "layer gets that input right: something was kept from the bfloat16 call"
        f"{changed} (an eps raised to torch.finfo(x.dtype).eps, or a dtype, stored on self), "
        "so every later call, in float32 too, uses it; keep the layer's settings as __init__ "
        "made them and compute any per-dtype value in a local variable")


def _scale_keeps_dtype(impl):
    """A float32 layer called on a bfloat16, then a float64 input must leave its scale float32:
    a forward that casts the layer itself (self.to(x.dtype), self.scale.data = ...) keeps the
    input's dtype for good, so one bfloat16 call rounds the learned scale for every later call
    (a new Parameter put on self in forward is named by _scale_updated, which runs first)."""
    x = torch.linspace(-2.0, 3.0, 12).reshape(2, 6)
    for dtype in (torch.bfloat16, torch.float64):
        norm = impl(6)
        scale = getattr(norm, "scale", None)
        if not isinstance(scale, torch.Tensor) or scale.dtype != torch.float32:
            return  # a missing or non-float32 scale is named by the other cases
        with torch.no_grad():
            try:
                norm(x.to(dtype))
            except NotImplementedError:
                raise
            except Exception:  # noqa: BLE001 - crashes on this dtype are left to other cases
                continue
        if norm.scale is not scale:
            continue  # a new Parameter put on self: named by _scale_updated
        changed = {name: str(p.dtype).removeprefix("torch.")
                   for name, p in norm.named_parameters() if p.dtype != torch.float32}
        if changed:
            rounded = (" (in bfloat16 a learned scale such as 1.001 becomes 1.0, and every "
                       "later float32 call computes with the rounded value)"
                       if dtype == torch.bfloat16 else "")
            raise CheckFailure(
                f"RMSNorm(6), a float32 layer, called once on a {str(dtype)[6:]} (2, 6) input, "
                f"now holds {changed}: forward converts the layer's own scale to the input's "
                "dtype (self.to(x.dtype), or self.scale.data = self.scale.data.to(x.dtype)), so "
                f"one input of another dtype changes the learned scale for good{rounded}; leave "
                "the parameters as the caller set them (the caller moves the model with "
                ".to(dtype)) and cast a local copy if you need one, scale = "
                "self.scale.to(x.dtype)")


def _scale_updated(impl):
    """A scale changed in place after the first call (an optimizer step) must be used by the
    next call; a copy of scale made on the first call (cast to a float64 input's dtype) and
    kept on the layer is not."""
    x = torch.linspace(-2.0, 3.0, 12, dtype=torch.float64).reshape(2, 6)
    norm, twin = impl(6), impl(6)
    what = ("RMSNorm(6) called on a float64 input, its scale then changed in place (as an "
            "optimizer step changes it), and called again")
    before = norm.scale
    with torch.no_grad():
        first = call_answer(norm, (x.clone(),), what)
        if norm.scale is not before:
            raise CheckFailure(
                "RMSNorm(6) called on a float64 input replaced its parameter scale by a new "
                f"{getattr(norm.scale, 'dtype', type(norm.scale).__name__)} one (self.scale "
                "= ... inside forward): an optimizer made before the call still holds the old "
                "parameter, so training no longer reaches the layer, and a bfloat16 call would "
                "round the learned scale for every later call; never reassign self.scale in "
                "forward, cast a local copy if you need one, scale = self.scale.to(x.dtype)")
        norm.scale.mul_(2.0).add_(torch.linspace(0.0, 1.0, 6))
        twin.scale.copy_(norm.scale)
        got = call_answer(norm, (x.clone(),), what)
        alone = call_answer(twin, (x.clone(),), what)
    if isinstance(got, torch.Tensor) and isinstance(first, torch.Tensor) and \
            isinstance(alone, torch.Tensor) and got.shape == first.shape == alone.shape and \
            torch.allclose(got, first) and not torch.allclose(alone, first):
        raise CheckFailure(f"{what}, gives what it gave before the change, while a new layer "
                           "with the changed scale gives another output: the layer keeps the "
                           "scale of its first call (a copy such as self.scale.to(x.dtype) "
                           "stored on self and reused), so training never reaches the output; "
                           "use self.scale itself in every forward (cast it with "
                           ".to(x.dtype) on each call if you need to)")


def _second_call(module, twin, x, reference, what, kept):
    """Fail when ``module``, right on ``x``, is wrong on a second input of the same shape that
    a new layer with the same weights (``twin``) gets right: something from the first call is
    kept on the module (``kept`` names the likely value)."""
    x2 = -0.5 * x.flip(-1) + 0.25 * x.abs().mean()
    with torch.no_grad():
        try:
            again, alone = module(x2.clone()), twin(x2.clone())
        except Exception:  # noqa: BLE001 - no evidence either way
            return
        want = reference(x2).double()
    if isinstance(again, torch.Tensor) and again.shape == want.shape and \
            isinstance(alone, torch.Tensor) and alone.shape == want.shape and \
            again.dtype == alone.dtype and \
            torch.allclose(alone.double(), want, atol=1e-5, rtol=1e-4) and \
            not torch.allclose(again.double(), want, atol=1e-5, rtol=1e-4):
        first = torch.allclose(again.double(), reference(x).double(), atol=1e-5, rtol=1e-4)
        raise CheckFailure(
            f"{what} was right on its first input, but the same layer called again on another "
            f"input of the same shape {tuple(x.shape)} is off by up to "
            f"{(again.double() - want).abs().max().item():.4g}" + (
                " (it returned the FIRST input's output)" if first else "") +
            ", while a new layer with the same scale gets that input right: something from "
            f"the first call is kept on the module ({kept} cached on self?) and reused; "
            "compute everything from the x passed in, on every call")


def _rms_norm_grad(impl):
    """Gradients must reach x through the root mean square, and the scale."""
    x = torch.randn(3, 6, generator=torch.Generator().manual_seed(25)) * 2
    weights = torch.linspace(-1.0, 2.0, x.numel()).reshape(x.shape)
    scale = torch.linspace(0.5, 2.0, 6)
    norm, ref = impl(6), RMSNorm(6)
    with torch.no_grad():
        norm.scale.copy_(scale)
        ref.scale.copy_(scale)
    grads = []
    for module in (norm, ref):
        x_in = x.clone().requires_grad_(True)
        out = module(x_in)
        if not out.requires_grad:
            raise CheckFailure("RMSNorm's output has no gradient: do not compute it under "
                               "torch.no_grad() or with .detach()")
        (out * weights).sum().backward()
        grads.append((x_in.grad, module.scale.grad))
    (gx, gs), (rx, rs) = grads
    if gs is None or not torch.allclose(gs, rs, atol=1e-4):
        raise CheckFailure(f"RMSNorm.scale gets {'no' if gs is None else 'a wrong'} gradient: "
                           "use self.scale itself in forward (not .data, .detach() or a copy), "
                           "so that training updates it")
    detached = scale * weights / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)
    gx = torch.zeros_like(x) if gx is None else gx
    assert_close(gx, rx, "the gradient of RMSNorm's output with respect to x", atol=1e-4,
                 hint=_likely(gx, {"the gradient does not flow through the root mean square "
                                   "(.detach(), .item() or .data on it): compute it from x "
                                   "itself": detached}, atol=1e-4) or (
                     "the output is right but its gradient is not: keep every step a "
                     "differentiable torch operation on x."))


# --- ex4_21: rotary position embeddings -----------------------------------------------------------


def _rope_mistakes(x, cos, sin, offset):
    T, d = x.shape[-2], x.shape[-1]
    c, s = cos[offset : offset + T], sin[offset : offset + T]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    a, b = x[..., ::2], x[..., 1::2]
    ce, se = cos[offset : offset + T, : d // 2], sin[offset : offset + T, : d // 2]
    out = {
        "you rotated neighbouring pairs (0, 1), (2, 3) ...; Llama pairs dimension i with "
        "i + head_dim/2: x1 = x[..., :head_dim//2], x2 = x[..., head_dim//2:]":
            torch.stack((a * ce - b * se, b * ce + a * se), dim=-1).flatten(-2),
        "the positions start at 0 whatever the offset: use cos[offset:offset + num_tokens]":
            apply_rope(x, cos, sin, 0),
        **{f"the tables were rounded to {dtype} (cos.to({dtype}), or .half()) before use, "
           "and the rounding shows: keep the tables as they come (the caller chooses their "
           "dtype)": apply_rope(x, cos.to(dtype), sin.to(dtype), offset)
           for dtype in (torch.float16, torch.bfloat16)},
        "the rotation goes the wrong way (by minus the angle): one sign is flipped; the "
        "result is x * cos + cat(-x2, x1) * sin, so check the rotated half (cat(-x2, x1), not "
        "cat(x2, -x1)) and the sign of the sin term (added, not subtracted; in the per-half "
        "form: x1 * cos - x2 * sin, then x2 * cos + x1 * sin)":
            x * c + torch.cat((x2, -x1), dim=-1) * s,
        "the rotated half is cat(x1, x2) unchanged: it must be cat(-x2, x1)":
            x * c + x * s,
        "cos and sin are swapped: x * cos + cat(-x2, x1) * sin, not x * sin + ... * cos":
            x * s + torch.cat((-x2, x1), dim=-1) * c,
        "you split x into even and odd dimensions (x[..., ::2], x[..., 1::2]); Llama's halves "
        "are x1 = x[..., :head_dim//2] and x2 = x[..., head_dim//2:]":
            x * c + torch.cat((-b, a), dim=-1) * s,
        "you took the halves as the even and odd dimensions (x1, x2 = x[..., ::2], "
        "x[..., 1::2], GPT-J's split) and joined them Llama-style, so your output's dims are "
        "reordered (the even dims first, then the odd): Llama's halves are x1 = "
        "x[..., :head_dim // 2] and x2 = x[..., head_dim // 2:], and x * cos uses x as it "
        "is": torch.cat((a, b), dim=-1) * c + torch.cat((-b, a), dim=-1) * s,
        "you paired neighbouring dimensions (x[..., ::2] with x[..., 1::2], interleaved); "
        "Llama pairs dimension i with i + head_dim/2: x1 = x[..., :head_dim//2], "
        "x2 = x[..., head_dim//2:]":
            x * c + torch.stack((-b, a), dim=-1).flatten(-2) * s,
        "the sin term is missing: x * cos + cat(-x2, x1) * sin": x * c,
        "the whole sum is multiplied by sin, (x * cos + cat(-x2, x1)) * sin (a bracket around "
        "the first two terms): only the rotated half takes sin, x * cos + cat(-x2, x1) * sin":
            (x * c + torch.cat((-x2, x1), dim=-1)) * s,
        **{f"{half} is cut one dimension {way} ({cut}), so the pairs (i, i + head_dim // 2) "
           "are misaligned: the halves are x1 = x[..., :head_dim // 2] and x2 = "
           "x[..., head_dim // 2:], head_dim // 2 each": x * c + torch.cat(
               (-h2, h1), dim=-1) * s for half, way, cut, h1, h2 in [
               ("x2", "early", "x[..., head_dim // 2 - 1:-1]", x1, x[..., d // 2 - 1 : -1]),
               ("x1", "late", "x[..., 1:head_dim // 2 + 1]", x[..., 1 : d // 2 + 1], x2)]},
        "the rotated half interleaves -x2 and x1 (torch.stack((-x2, x1), dim=-1).flatten(-2), "
        "GPT-J's rotate_every_two) while x is split into halves; in Llama's layout the "
        "rotated half is torch.cat((-x2, x1), dim=-1)":
            x * c + torch.stack((-x2, x1), dim=-1).flatten(-2) * s,
        "sin was rebuilt as sqrt(1 - cos**2), which loses its sign: angles past 180 degrees "
        "have a negative sine; use the sin table as it is given":
            x * c + torch.cat((-x2, x1), dim=-1) * torch.sqrt(1 - c**2),
        "both terms use sin: the first is x * cos, x * cos + cat(-x2, x1) * sin":
            x * s + torch.cat((-x2, x1), dim=-1) * s,
        "every token is turned by the same angle, that of one row (cos[offset], a single row "
        "that broadcasts over the tokens): token t needs its own row, so take num_tokens rows, "
        "cos[offset:offset + num_tokens] (and sin alike)":
            x * cos[offset] + torch.cat((-x2, x1), dim=-1) * sin[offset],
        "the cos term is missing: x * cos + cat(-x2, x1) * sin":
            torch.cat((-x2, x1), dim=-1) * s,
        "both terms use cos (sin is never used): the second is cat(-x2, x1) * sin, "
        "x * cos + cat(-x2, x1) * sin": x * c + torch.cat((-x2, x1), dim=-1) * c,
        "the two rotated halves are joined in the wrong order: x1 * cos - x2 * sin is the "
        "FIRST half of the result and x2 * cos + x1 * sin the second (torch.cat((first, "
        "second), dim=-1), not (second, first))":
            torch.cat((x2 * ce + x1 * se, x1 * ce - x2 * se), dim=-1),
        "only the first half is rotated (x1 * cos - x2 * sin) and the second half is returned "
        "as it was: it becomes x2 * cos + x1 * sin":
            torch.cat((x1 * ce - x2 * se, x2), dim=-1),
        "only the second half is rotated (x2 * cos + x1 * sin) and the first half is returned "
        "as it was: it becomes x1 * cos - x2 * sin":
            torch.cat((x1, x2 * ce + x1 * se), dim=-1),
    }
    if T < cos.shape[0] - offset:  # rows from the table's end differ from rows from offset
        out["the rows come from the END of the table (cos[-num_tokens:]), positions "
            f"{cos.shape[0] - T} .. {cos.shape[0] - 1} of its {cos.shape[0]}: token t sits at "
            "position offset + t, so take cos[offset:offset + num_tokens] (and sin alike)"] = (
            x * cos[-T:] + torch.cat((-x2, x1), dim=-1) * sin[-T:])
    for theta, whose in ((10_000, "GPT-NeoX's and Llama 2's"), (500_000, "Llama 3's"),
                         (1_000_000, "Qwen3's and Mistral's")):
        c_t, s_t = compute_rope_params(d, theta, cos.shape[0], dtype=cos.dtype)
        if not torch.allclose(c_t, cos):
            out[f"yours matches tables built with theta_base = {theta:,} ({whose} "
                "rope_theta), not the ones passed in: use the cos and sin you are given "
                "(the model builds them with its own theta_base, possibly scaled)"] = (
                apply_rope(x, c_t, s_t, offset))
    H = x.shape[1]
    if H != T and offset + H <= cos.shape[0]:  # x read as (batch, tokens, heads, head_dim)
        ch, sh = cos[offset : offset + H, None, :], sin[offset : offset + H, None, :]
        out["each HEAD got its own position (head h uses row offset + h) and all its tokens "
            "the same angle: x is (batch, num_heads, num_tokens, head_dim), not (batch, "
            "num_tokens, num_heads, head_dim), so num_tokens is x.shape[-2] and the rows "
            "cos[offset:offset + num_tokens] line up with dim 2 as they are (no [:, None])"] = (
            x * ch + torch.cat((-x2, x1), dim=-1) * sh)
    if T > 1:  # halves taken along the tokens, x.chunk(2, dim=-2)
        t1, t2 = x.chunk(2, dim=-2)
        out["the halves are taken along the tokens (x.chunk(2, dim=-2) or a cat on dim=-2): "
            "x1 and x2 are the two halves of head_dim, the LAST dimension: x.chunk(2, dim=-1), "
            "and torch.cat((-x2, x1), dim=-1)"] = x * c + torch.cat((-t2, t1), dim=-2) * s
    if T > 1:  # right halves, but the rotated half joined along the tokens and reshaped
        out["the rotated half is joined along the tokens (torch.cat((-x2, x1), dim=-2)) and "
            "reshaped back to x's shape, which mixes tokens into head_dim: join the halves "
            "along the last dimension, torch.cat((-x2, x1), dim=-1)"] = (
            x * c + torch.cat((-x2, x1), dim=-2).reshape(x.shape) * s)
    if x.shape[1] > 1:  # halves taken along the heads, x.chunk(2, dim=1)
        h1, h2 = x.chunk(2, dim=1)
        out["the halves are taken along the heads (x.chunk(2, dim=1) and a cat on dim=1): x1 "
            "and x2 are the two halves of head_dim, the LAST dimension: x.chunk(2, dim=-1), "
            "and torch.cat((-x2, x1), dim=-1)"] = x * c + torch.cat((-h2, h1), dim=1) * s
    out["the angles are repeated pairwise (cos[..., :head_dim // 2].repeat_interleave(2, "
        "dim=-1) gives theta_0, theta_0, theta_1, theta_1, ...), the layout of interleaved "
        "pairs; the tables already hold the angles for Llama's halves, theta_0 .. "
        "theta_(d/2-1) twice over: use the rows cos[offset:offset + num_tokens] as they are"] = (
        x * ce.repeat_interleave(2, dim=-1)
        + torch.cat((-x2, x1), dim=-1) * se.repeat_interleave(2, dim=-1))
    if T // 2 != d // 2 and 0 < T // 2 < d:  # halves cut at the wrong dimension's middle
        y1, y2 = x[..., : T // 2], x[..., T // 2 :]
        out[f"the halves are split at num_tokens // 2 = {T // 2} (x.shape[-2])"
            + (f", or at head_dim // 4 = {d // 4}, the same number here (head_dim halved "
               "twice: half = x.shape[-1] // 2, then x[..., :half // 2]?)"
               if T // 2 == d // 4 else "")
            + f", instead of head_dim // 2 = {d // 2}: x1 = x[..., :head_dim // 2], x2 = "
            "x[..., head_dim // 2:] with head_dim = x.shape[-1]"] = (
            x * c + torch.cat((-y2, y1), dim=-1) * s)
    H = x.shape[1] if x.dim() == 4 else 0  # halves cut at the middle of the heads axis
    if 0 < H // 2 < d and H // 2 not in (d // 2, T // 2, d // 4):
        y1, y2 = x[..., : H // 2], x[..., H // 2 :]
        out[f"the halves are split at num_heads // 2 = {H // 2} (x.shape[1], the heads) "
            f"instead of head_dim // 2 = {d // 2}: x1 = x[..., :head_dim // 2], x2 = "
            "x[..., head_dim // 2:] with head_dim = x.shape[-1], the last dimension"] = (
            x * c + torch.cat((-y2, y1), dim=-1) * s)
    cuts = {}  # halves cut at another axis's size itself (x[..., :x.shape[1]])
    for size, name in ((H, "num_heads = x.shape[1]"), (T, "num_tokens = x.shape[-2]")):
        if 0 < size < d and size not in (d // 2, T // 2, H // 2, d // 4):
            cuts.setdefault(size, []).append(name)
    for size, names in cuts.items():
        y1, y2 = x[..., :size], x[..., size:]
        out[f"the halves are split at {' or '.join(names)} = {size} instead of head_dim // 2 "
            f"= {d // 2}: x1 = x[..., :head_dim // 2], x2 = x[..., head_dim // 2:] with "
            "head_dim = x.shape[-1], the last dimension"] = (
            x * c + torch.cat((-y2, y1), dim=-1) * s)
    if d % 4 == 0 and d // 4 != T // 2:  # head_dim halved twice
        y1, y2 = x[..., : d // 4], x[..., d // 4 :]
        out[f"the halves are split at head_dim // 4 = {d // 4} instead of head_dim // 2 = "
            f"{d // 2} (head_dim halved twice: half = x.shape[-1] // 2, then x[..., :half // "
            "2]?): x1 = x[..., :head_dim // 2], x2 = x[..., head_dim // 2:]"] = (
            x * c + torch.cat((-y2, y1), dim=-1) * s)
    fx, h = torch.flip(x, dims=[-1]), d // 2  # flip reverses inside the halves as well
    for sign, flipped in (("", fx), (", its first half negated,",
                                     torch.cat((-fx[..., :h], fx[..., h:]), dim=-1)),
                          (", its second half negated,",
                           torch.cat((fx[..., :h], -fx[..., h:]), dim=-1))):
        out[f"the rotated half is torch.flip(x, dims=[-1]){sign} and flip reverses the order "
            "of ALL the dimensions (dimension i meets head_dim - 1 - i), not just the two "
            "halves: swap the halves instead, torch.cat((-x2, x1), dim=-1)"] = (
            x * c + flipped * s)
    for rot in ("cat(-x1, x2)", "cat(x2, x1)", "cat(x1, -x2)", "cat(-x2, -x1)", "cat(-x2, x2)",
                "cat(-x1, x1)"):
        a_, b_ = rot[4:-1].split(", ")
        parts = [{"x1": x1, "-x1": -x1, "x2": x2, "-x2": -x2}[t] for t in (a_, b_)]
        out[f"the rotated half is {rot}; it must be cat(-x2, x1): the second half, negated, "
            "then the first (in the per-half form: x1 * cos - x2 * sin, then x2 * cos + "
            "x1 * sin)"] = x * c + torch.cat(parts, dim=-1) * s
    xc = x * c  # x reassigned (x = x * cos) before the halves are cut from it
    out["the halves x1 and x2 were cut from x * cos, not from x (x reassigned, x = x * cos, "
        "before the split?): both terms start from the input, x * cos + cat(-x2, x1) * sin "
        "with x1 = x[..., :head_dim // 2] and x2 = x[..., head_dim // 2:] of the x passed "
        "in"] = xc + torch.cat((-xc[..., d // 2:], xc[..., : d // 2]), dim=-1) * s
    if d % 4 == 0:  # the per-half form reading every second column of the tables
        c2, s2 = c[..., ::2], s[..., ::2]
        out["the angles come from every second column of the tables (cos[..., ::2]); the "
            "tables hold the head_dim // 2 angles twice, [theta_0 .. theta_(d/2-1), theta_0 .. "
            "theta_(d/2-1)], so the per-half form takes the first half, cos[..., :head_dim // "
            "2]"] = torch.cat((x1 * c2 - x2 * s2, x2 * c2 + x1 * s2), dim=-1)
    for step in (1, -1):  # the rows shifted by one: token t read at position offset + t +- 1
        if 0 <= offset + step and offset + step + T <= cos.shape[0]:
            out[f"the rows are off by one (token t uses row offset + t {'+' if step > 0 else '-'}"
                " 1): token t sits at position offset + t, so take cos[offset:offset + "
                "num_tokens] and sin alike"] = apply_rope(x, cos, sin, offset + step)
    if offset:
        c0, s0 = cos[:T], sin[:T]
        out["only cos is shifted by the offset: take sin[offset:offset + num_tokens] too"] = (
            x * c + torch.cat((-x2, x1), dim=-1) * s0)
        out["only sin is shifted by the offset: take cos[offset:offset + num_tokens] too"] = (
            x * c0 + torch.cat((-x2, x1), dim=-1) * s)
    if 0 < offset < T:  # rows offset .. num_tokens - 1: the slice end forgets the offset
        short_c, short_s = cos[offset:T], sin[offset:T]
        if short_c.shape[0] == 1:  # one row broadcasts over every token
            out["the rows end at num_tokens: take cos[offset:offset + num_tokens] (and sin "
                "alike), num_tokens rows starting at the offset"] = (
                x * short_c + torch.cat((-x2, x1), dim=-1) * short_s)
    return out


def _rope_contrast(got, x, cos, sin, offset):
    """What differs when no known mistake matches: which tokens, and whether each pair
    (i, i + head_dim // 2) keeps its length, as a rotation does."""
    expected = apply_rope(x, cos, sin, offset)
    bad = [t for t in range(x.shape[-2])
           if not torch.allclose(got[..., t, :], expected[..., t, :], atol=1e-5)]
    half = x.shape[-1] // 2
    def pair_len(v):
        return v[..., :half] ** 2 + v[..., half:] ** 2
    kept = torch.allclose(pair_len(got), pair_len(x), atol=1e-4)
    used = []  # the table row each token was really rotated with, when there is one
    for t in range(x.shape[-2]):
        xt = x[..., t : t + 1, :]
        used.append(next((p for p in range(cos.shape[0]) if torch.allclose(
            got[..., t : t + 1, :], apply_rope(xt, cos, sin, p), atol=1e-5)), None))
    if bad and None not in used:
        want = [offset + t for t in range(x.shape[-2])]
        still = [t for t, (u, p) in enumerate(zip(used, want)) if u == 0 != p]
        twice = (" (each angle doubled: applied twice, or a double-angle formula)"
                 if used == [2 * p for p in want] else
                 f" (row 0 is the angle 0: token{'s' if len(still) > 1 else ''} {still} came "
                 f"back unrotated, as x itself; {'were they' if len(still) > 1 else 'was it'} "
                 "left out of the rotation?)"
                 if still and len(still) < len(want) else "")
        return (f"each pair keeps its length, so yours is a rotation, but by other angles: "
                f"token t was rotated with the rows {used} of the tables, expected {want} "
                f"(offset={offset}){twice}; token t sits at position offset + t, so take "
                "cos[offset:offset + num_tokens] (and sin alike) in order, each angle once")
    rot = torch.cat((-x[..., x.shape[-1] // 2:], x[..., : x.shape[-1] // 2]), dim=-1)
    rows = range(cos.shape[0])
    split = [next(((pc, ps) for pc in rows for ps in rows if torch.allclose(
        got[..., t, :], x[..., t, :] * cos[pc] + rot[..., t, :] * sin[ps], atol=1e-5)), None)
        for t in range(x.shape[-2])] if bad else [None]
    if None not in split:
        want = [offset + t for t in range(x.shape[-2])]
        return (f"yours is x * cos + cat(-x2, x1) * sin with cos from the rows "
                f"{[c for c, _ in split]} and sin from the rows {[s for _, s in split]}, "
                f"expected the rows {want} for both (offset={offset}): cos and sin come from "
                "the same rows, cos[offset:offset + num_tokens] and sin[offset:offset + "
                "num_tokens]")
    cols = [i for i in range(x.shape[-1])
            if not torch.allclose(got[..., i], expected[..., i], atol=1e-5)]
    T = x.shape[-2]
    c, s_ = cos[offset : offset + T, :half], sin[offset : offset + T, :half]
    x1, x2 = x[..., :half], x[..., half:]
    y1 = x1 * c - x2 * s_
    seen = next((name for name, v in [
        ("; yours there is x2 * cos + y1 * sin with y1 the ALREADY ROTATED first half (written "
         "back before the second half was computed): use the original x1", x2 * c + y1 * s_),
        ("; yours there is x1 * cos + x2 * sin: x1 and x2 swapped in the second half",
         x1 * c + x2 * s_),
        ("; yours there is x1 * cos - x2 * sin, the first half's formula again",
         x1 * c - x2 * s_)] if torch.allclose(got[..., half:], v, atol=1e-5)), "")
    where = (f"only the first half of head_dim differs (dims {cols[0]} .. {cols[-1]}; the "
             "second half is right): the first half's formula, x1 * cos - x2 * sin"
             if cols and cols[-1] < half else
             f"only the second half of head_dim differs (dims {cols[0]} .. {cols[-1]}; the "
             "first half is right): the second half's formula, x2 * cos + x1 * sin" + seen
             if cols and cols[0] >= half else
             f"dims {cols[:6]}{' ...' if len(cols) > 6 else ''} of {x.shape[-1]} differ, in "
             "both halves")
    unrotated = [i for i in cols if torch.allclose(got[..., i], x[..., i], atol=1e-6)]
    if unrotated and len(bad) > 1:
        where += (f"; dims {unrotated[:6]}{' ...' if len(unrotated) > 6 else ''} come back as "
                  "x itself, unrotated at every position: only part of head_dim was rotated "
                  "(a partial-rotary port that passes the last dims through, or a slice that "
                  "stops early?); rotate every dim i with its partner i +- head_dim // 2")
    if kept and bad:
        where += _rope_angles(got, x, cos, sin, offset)
    factors = _rope_factors(got, x, cos, sin, offset)
    if factors:
        where += factors
    ratio = got.double() / expected.double()
    if bool(torch.isfinite(ratio).all()) and (ratio - ratio.flatten()[0]).abs().max() < 1e-4:
        r = ratio.flatten()[0].item()
        named = next((w for v, w in [(2 ** -0.5, "1 / sqrt(2)"), (2 ** 0.5, "sqrt(2)"),
                                     (0.5, "1 / 2"), (2.0, "2")] if abs(r - v) < 1e-4), None)
        return (f"every value is {r:.4g} times the expected one"
                + (f" ({named})" if named else "") + ": the rotation is right, an extra "
                "constant factor multiplies the whole result (a rotation keeps lengths, so "
                "nothing is normalised or scaled): return x * cos + cat(-x2, x1) * sin as it is")
    relation = describe_difference(got, expected, dims=(
        "batch", "heads", "tokens", "head_dim"), where=False) if got.dim() == 4 else ""
    return (_rope_heads(got, x, expected) + (f"{relation} " if relation else "") +
            f"tokens {bad} of {x.shape[-2]} differ (positions {[offset + t for t in bad]}); "
            + where + "; "
            + ("each pair (i, i + head_dim // 2) keeps its length, so yours is a rotation, but "
               "by other angles or of other pairs"
               if kept else "the pairs (i, i + head_dim // 2) do not keep their length, so "
               "yours is no rotation of them")
            + ": compute x * cos + cat(-x2, x1) * sin with the rows offset .. offset + "
            "num_tokens of the tables")


def _rope_heads(got, x, expected):
    """'only heads ... differ; ' when some heads (or batch rows) of yours are right and others
    not: the rotation did not reach every head (or row); else ''."""
    for axis, name in ((1, "heads"), (0, "batch rows")):
        n = x.shape[axis]
        bad = [i for i in range(n) if not torch.allclose(
            got.select(axis, i), expected.select(axis, i), atol=1e-5)]
        if 0 < len(bad) < n:
            plain = all(torch.allclose(got.select(axis, i), x.select(axis, i), atol=1e-5)
                        for i in bad)
            return (f"only {name} {bad} of {n} differ (the others are right)" + (
                ", and those are x unchanged, never rotated" if plain else "") +
                f": every one of x's {name} must be rotated the same way (no slice such as "
                "x[:, ::2], no loop that misses some; the tables broadcast over batch and "
                "heads); ")
    return ""


def _rope_undone(got, x, cos, sin, offset):
    """Two slips at once: undo one (the output halves joined in reverse, or every sign
    flipped) and name what is left, when that reproduces a known result."""
    half = x.shape[-1] // 2
    for undo, how in [(torch.cat((got[..., half:], got[..., :half]), dim=-1), "the output's "
                       "two halves are joined in reverse (cat(second, first)); the first half "
                       "is x1 * cos - x2 * sin, the second x2 * cos + x1 * sin"),
                      (-got, "every value has the wrong sign (a minus on the whole result)")]:
        if torch.allclose(undo, apply_rope(x, cos, sin, offset), atol=1e-5):
            return how
        rows = next((o for o in range(cos.shape[0] - x.shape[-2] + 1) if o != offset and
                     torch.allclose(undo, apply_rope(x, cos, sin, o), atol=1e-5)), None)
        if rows is not None:
            return (f"{how}; with that undone, yours is rotated with the rows {rows} .. "
                    f"{rows + x.shape[-2] - 1} of the tables, where token t sits at position "
                    f"offset + t, rows {offset} .. {offset + x.shape[-2] - 1}: take "
                    "cos[offset:offset + num_tokens] (and sin alike)")
        other = _likely(undo, _rope_mistakes(x, cos, sin, offset))
        if other:
            return f"{how}, and with that undone: {other}"
    return None


def _rope_factors(got, x, cos, sin, offset):
    """Read back yours as x * F + cat(-x2, x1) * G, fitted over the batch and heads for each
    token and dimension, and say which table rows F and G are, when they are table rows."""
    b, h, T, d = x.shape
    if b * h < 3:
        return ""
    rot = torch.cat((-x[..., d // 2:], x[..., : d // 2]), dim=-1)
    A = torch.stack((x, rot), dim=-1).double().reshape(b * h, T * d, 2).transpose(0, 1)
    y = got.double().reshape(b * h, T * d).T.unsqueeze(-1)
    fit = torch.linalg.lstsq(A, y).solution  # (T * d, 2, 1)
    if (A @ fit - y).abs().max() > 1e-4:
        return ""
    F, G = fit[:, 0, 0].reshape(T, d), fit[:, 1, 0].reshape(T, d)
    def rows(m):
        for name, table in (("cos", cos), ("sin", sin), ("-sin", -sin), ("-cos", -cos)):
            for r in range(table.shape[0] - T + 1):
                if torch.allclose(m, table[r:r + T].double(), atol=1e-4):
                    return f"{name}[{r}:{r + T}]"
        return None
    def product(m, right, name):  # m = right rows times rows of a table: an extra factor
        for other, table in (("cos", cos), ("sin", sin)):
            for r in range(table.shape[0] - T + 1):
                if torch.allclose(m, right * table[r:r + T].double(), atol=1e-4):
                    return (f"the {name} factor is {name}[{offset}:{offset + T}] times "
                            f"{other}[{r}:{r + T}]: that term is multiplied by a table once "
                            "too often (a bracket around more than one term, or a stray * "
                            f"{other} left in)")
        return None

    f, g = rows(F), rows(G)
    want_f, want_g = f"cos[{offset}:{offset + T}]", f"sin[{offset}:{offset + T}]"
    if f is None or g is None:  # no table rows: relate each wrong factor to its right rows
        told = [product(m, table[offset:offset + T].double(), name)
                or f"the {name} factor, {said.removeprefix('What differs: ').rstrip('.')}"
                for name, m, table, right in (("cos", F, cos, f == want_f),
                                              ("sin", G, sin, g == want_g))
                if not right and (product(m, table[offset:offset + T].double(), name) or (
                    said := describe_difference(m, table[offset:offset + T].double())))]
        for which, cols in (("first", slice(0, d // 2)), ("second", slice(d // 2, d))):
            lag = next((r for r in range(cos.shape[0] - T + 1) if r != offset and
                        torch.allclose(F[:, cols], cos[r:r + T, cols].double(), atol=1e-4) and
                        torch.allclose(G[:, cols], sin[r:r + T, cols].double(), atol=1e-4)),
                       None)
            if lag is not None:
                told.append(f"in the {which} half of head_dim (dims {cols.start} .. "
                            f"{cols.stop - 1}) both factors are the rows {lag}:{lag + T} of "
                            f"the tables, not {offset}:{offset + T}: that half reads the "
                            f"tables {lag - offset:+d} rows off (one row index for both "
                            "halves: cos[offset:offset + num_tokens])")
        return ("; read back, yours is x * F + cat(-x2, x1) * G with F and G not rows of the "
                "tables: " + "; ".join(told)) if told else ""
    if (f, g) == (want_f, want_g):
        return ""
    return (f"; read back, yours is x * {f} + cat(-x2, x1) * {g}, where it must be x * "
            f"{want_f} + cat(-x2, x1) * {want_g}: "
            + ("the cos factor is wrong" if g == want_g else "the sin factor is wrong"
               if f == want_f else "both factors are wrong")
            + " (which table, which rows?)")


def _rope_angles(got, x, cos, sin, offset):
    """Read back the angle each pair (i, i + head_dim // 2) of each token was turned by, and
    compare with the tables' angles: which pairs are wrong, and by how much."""
    half, T = x.shape[-1] // 2, x.shape[-2]
    x1, x2 = x[0, 0, :, :half].double(), x[0, 0, :, half:].double()
    y1, y2 = got[0, 0, :, :half].double(), got[0, 0, :, half:].double()
    yours = torch.atan2(x1 * y2 - x2 * y1, x1 * y1 + x2 * y2)
    want = torch.atan2(sin[offset : offset + T, :half].double(),
                       cos[offset : offset + T, :half].double())
    diff = torch.remainder(yours - want + torch.pi, 2 * torch.pi) - torch.pi
    wrong = diff.abs() > 1e-4
    if not bool(wrong.any()):
        return ""
    pairs = [i for i in range(half) if bool(wrong[:, i].any())]
    t, i = next((t, i) for t in range(T) for i in range(half) if bool(wrong[t, i]))
    said = (f"; read back as angles (batch 0, head 0), pair {i} of token {t} (position "
            f"{offset + t}) is turned by {float(yours[t, i]):.4g} rad, expected "
            f"{float(want[t, i]):.4g}; wrong pairs {pairs} of {half}")
    if 0 not in pairs and T > 1:
        said += (": pair 0, whose frequency is 1 for every theta_base, is right, so the "
                 "positions are right and the other pairs' FREQUENCIES differ: angles from "
                 "tables of your own (another theta_base, rope_theta?) instead of the cos and "
                 "sin passed in")
    return said


def _quarter_or_tokens(impl, hint):
    """The halves cut at 2 with head_dim 8 and 5 tokens: ask again with 3 tokens (1 = 3 // 2,
    2 = 8 // 4) to tell num_tokens // 2 from head_dim // 4."""
    x = torch.randn(1, 2, 3, 8, generator=torch.Generator().manual_seed(122))
    cos, sin = compute_rope_params(8, 10_000, 8)
    try:
        with torch.no_grad():
            again = impl(x.clone(), cos, sin, 1)
        found = _likely(again, _rope_mistakes(x, cos, sin, 1))
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    return ("asked again with 3 tokens and head_dim 8, " + found
            if found and found.startswith("the halves are split at") else None)


def _axis_split(impl, hint):
    """The halves cut at num_heads or num_tokens (the size of x.shape[1] or x.shape[-2]) in one
    case: ask again with other sizes to tell those axes apart, and from a size written in the
    code that happens to equal one of them."""
    found = re.search(r"= (\d+) instead of head_dim", hint)
    if not found:
        return None
    size = int(found.group(1))
    H, T = [n for n in (3, 5, 6, 7) if n != size][:2]
    x = torch.randn(1, H, T, 16, generator=torch.Generator().manual_seed(123))
    cos, sin = compute_rope_params(16, 10_000, T + 2)
    try:
        with torch.no_grad():
            again = impl(x.clone(), cos, sin, 1)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not isinstance(again, torch.Tensor) or again.shape != x.shape:
        return None
    c, s = cos[1 : 1 + T], sin[1 : 1 + T]

    def cut(n):
        return x * c + torch.cat((-x[..., n:], x[..., :n]), dim=-1) * s

    where = f"asked again with {H} heads, {T} tokens and head_dim 16, "
    if torch.allclose(again, cut(size), atol=1e-5):
        return (where + f"yours still cuts the halves at {size}: they are cut at a fixed "
                f"{size} (x[..., :{size}], a size written in the code?) instead of head_dim // "
                "2; take head_dim = x.shape[-1] and x1, x2 = x[..., :head_dim // 2], "
                "x[..., head_dim // 2:]")
    for n, name in ((H, "num_heads = x.shape[1]"), (T, "num_tokens = x.shape[-2]")):
        if torch.allclose(again, cut(n), atol=1e-5):
            return (where + f"yours cuts the halves at {n} again: the halves are split at "
                    f"{name} instead of head_dim // 2 = 8: x1 = x[..., :head_dim // 2], x2 = "
                    "x[..., head_dim // 2:] with head_dim = x.shape[-1], the last dimension")
    return None


def _offset_as_end(impl, x, cos, sin, offset):
    """A hint when, with an offset of at least num_tokens, the rows end at the offset."""
    T = x.shape[-2]
    try:
        again = impl(x.clone(), cos, sin, offset)
        end = next((e for e in (offset - 1, offset) if torch.allclose(
            again, apply_rope(x, cos, sin, e - T + 1), atol=1e-5)), None)
        zero = torch.allclose(again, apply_rope(x, cos, sin, 0), atol=1e-5)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if end is None:
        return None if zero else (
            f"with offset={offset} yours is not rotated from position 0 either, so the offset "
            "is not simply ignored: token t sits at position offset + t, rows "
            "cos[offset:offset + num_tokens] (and sin alike)")
    return (f"the rows end at {'the offset' if end == offset - 1 else 'the offset itself'} ("
            f"with offset={offset} and {T} tokens you used rows {end - T + 1} .. {end}; below "
            "num_tokens you start at 0)" + (
                "" if end == offset - 1 else ": the offset is read as the LAST token's "
                "position") + ": the offset is the position of the FIRST token, so token t "
            "uses row offset + t, cos[offset:offset + num_tokens]")


def _first_row(impl, x, d, base, offset):
    """With a longer table, find the row the learner starts from: the table's end again, or
    another start (such as offset * num_tokens), which a 16-row table can make look alike."""
    T, n = x.shape[-2], 24
    cos, sin = compute_rope_params(d, base, n)
    try:
        again = impl(x.clone(), cos, sin, offset)
        start = next((s for s in range(n - T + 1) if torch.allclose(
            again, apply_rope(x, cos, sin, s), atol=1e-5)), None)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if start is None or start == n - T:
        return None
    times = (f" = offset * num_tokens ({offset} * {T}): the offset counts positions, not "
             "blocks of num_tokens" if start == offset * T else "")
    return (f"with offset={offset} and {T} tokens your rows start at {start} (the same with a "
            f"{n}-row table, so not the table's end){times}; token t sits at position offset "
            "+ t, so take cos[offset:offset + num_tokens] (and sin alike)")


def _fixed_split(impl, d):
    """A hint when the answer is right at some head_dim but not at this one: the halves cut at
    a number written in the code (32 for the book's head_dim 64) instead of head_dim // 2."""
    gen, right = torch.Generator().manual_seed(121), []
    for dim in (6, 8, 12, 16, 32, 64, 128, 256):
        cos, sin = compute_rope_params(dim, 10_000, 8)
        x = torch.randn(1, 2, 3, dim, generator=gen)
        try:
            if torch.allclose(impl(x.clone(), cos, sin, 1), apply_rope(x, cos, sin, 1),
                              atol=1e-5):
                right.append(dim)
        except Exception:  # noqa: BLE001 - a crash is no evidence of a fixed split
            pass
    if right == [8]:  # the tables above hold 8 rows: a cut at half the tables' length?
        cos, sin = compute_rope_params(12, 10_000, 12)
        x = torch.randn(1, 2, 3, 12, generator=gen)
        try:
            rows = torch.allclose(impl(x.clone(), cos, sin, 1), apply_rope(x, cos, sin, 1),
                                  atol=1e-5)
        except Exception:  # noqa: BLE001 - no evidence either way
            rows = False
        if rows:
            return (f"yours is right only when the tables hold as many rows as head_dim (8 "
                    f"rows and head_dim=8, 12 and 12): the halves are cut at cos.shape[0] // 2, "
                    "half the tables' length (their context_length rows), instead of head_dim "
                    f"// 2 = {d // 2}; take head_dim = x.shape[-1]")
    if len(right) != 1 or right[0] == d:
        return None
    return (f"yours is right with head_dim={right[0]} only (tried 6 to 256) and wrong here with "
            f"head_dim={d}: the halves are cut at a fixed {right[0] // 2} (x[..., :"
            f"{right[0] // 2}], a size written in the code?) instead of head_dim // 2 = {d // 2}; "
            "take head_dim = x.shape[-1] and x1, x2 = x[..., :head_dim // 2], x[..., "
            "head_dim // 2:]")


def _tables_copied(impl):
    """``impl`` called with copies of the tables: an answer that writes into cos or sin (the
    minus of cat(-x2, x1) folded into sin with ``*= -1``) is named by the argument guard, which
    still sees its copy change, while every expected value and hint comes from the tables as
    they were (not from a sin the answer negated, which would call its cat(x2, x1) wrong)."""
    @functools.wraps(impl)
    def call(*args, **kwargs):
        args = tuple(a.clone() if i in (1, 2) and isinstance(a, torch.Tensor) else a
                     for i, a in enumerate(args))
        kwargs = {k: v.clone() if k in ("cos", "sin") and isinstance(v, torch.Tensor) else v
                  for k, v in kwargs.items()}
        return impl(*args, **kwargs)
    return call


@one_thread
def check_rope(impl):
    guarded, impl = impl, _tables_copied(impl)
    gen = torch.Generator().manual_seed(21)
    earlier = []  # (offset, base, cos, sin) per case: the last case repeats num_tokens and head_dim
    cases = []
    # the last two cases repeat num_tokens and head_dim, then the offset too, with other tables
    for b, heads, T, d, offset, base in [(2, 3, 5, 8, 0, 10_000), (1, 2, 4, 12, 3, 500_000),
                                         (3, 1, 1, 6, 9, 10_000), (2, 3, 4, 12, 6, 10_000),
                                         (1, 2, 4, 12, 3, 10_000)]:
        x = torch.randn(b, heads, T, d, generator=gen)
        cases.append((f"theta_base={base:,}", lambda answer, x=x, offset=offset, base=base:
                      _rope_case(_tables_copied(answer), x, offset, base, earlier)))
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(guarded, cases, probe_first=False))
    cos, sin = compute_rope_params(6, 10_000, 8, dtype=torch.float64)
    x = torch.randn(2, 2, 3, 6, generator=gen, dtype=torch.float64)
    what = "apply_rope on a float64 (2, 2, 3, 6) input with float64 tables, offset=2"
    got = _tensor(call_answer(impl, (x.clone(), cos, sin, 2), what), what, x.shape)
    if got.dtype != x.dtype:
        raise CheckFailure(f"{what} returned {got.dtype}: keep x's dtype (no x.float() or "
                           "dtype=torch.float32 inside); with x and the tables in float64 the "
                           "result is float64, and bfloat16 ones stay bfloat16")
    assert_close(got, apply_rope(x, cos, sin, 2), what, atol=1e-12,
                 hint="right in float32 but not to float64's precision: compute in x's dtype")
    # bfloat16 x and tables: a float32 tensor made inside would lift the result to float32
    what = "apply_rope on a bfloat16 (2, 2, 3, 6) input with bfloat16 tables, offset=2"
    got = _tensor(call_answer(impl, (x.bfloat16(), cos.bfloat16(), sin.bfloat16(), 2), what),
                  what, x.shape)
    if got.dtype != torch.bfloat16:
        raise CheckFailure(f"{what} returned {got.dtype}, yet float64 x and tables gave "
                           "float64: something in your code is float32 whatever x is, a "
                           "tensor made inside without dtype=x.dtype (torch.tensor([...]) or "
                           "torch.ones(...) for signs, a mask or an index) that meets x and "
                           "lifts the result, or a .float() for half precision not undone; "
                           "make such tensors with dtype=x.dtype and device=x.device, or build "
                           "the result from x, cos and sin alone")
    # float16 x and tables: a branch for float16 alone (its overflow feared) shows only here
    what = "apply_rope on a float16 (2, 2, 3, 6) input with float16 tables, offset=2"
    got = _tensor(call_answer(impl, (x.half(), cos.half(), sin.half(), 2), what), what, x.shape)
    if got.dtype != torch.float16:
        raise CheckFailure(f"{what} returned {got.dtype}, yet bfloat16 x and tables stay "
                           "bfloat16: a branch for float16 alone (x.float() where x.dtype == "
                           "torch.float16, for fear of its overflow) is not undone; keep x's "
                           "dtype, or cast back with .to(x.dtype)")
    # float32 x with bfloat16 tables (tables built with a model's dtype, the model run in
    # float32): x * cos promotes to float32, so a result cast to the tables' dtype shows here
    what = "apply_rope on a float32 (2, 2, 3, 6) input with bfloat16 tables, offset=2"
    x32 = x.float()
    got = _tensor(call_answer(impl, (x32.clone(), cos.bfloat16(), sin.bfloat16(), 2), what),
                  what, x.shape)
    if got.dtype != torch.float32:
        cause = ("the result takes the tables' dtype (.type_as(cos), .to(cos.dtype), or x "
                 "cast to the tables' dtype first)" if got.dtype == torch.bfloat16 else
                 f"something in your code turns it into {got.dtype}")
        raise CheckFailure(f"{what} returned {got.dtype}: {cause}; the queries and keys "
                           "keep x's dtype whatever the tables' dtype, so leave the result "
                           "as x * cos + cat(-x2, x1) * sin gives it, or cast with "
                           ".to(x.dtype)")
    rounded = apply_rope(x32.bfloat16(), cos.bfloat16(), sin.bfloat16(), 2).float()
    assert_close(got, apply_rope(x32, cos.bfloat16(), sin.bfloat16(), 2), what, atol=1e-5, hint=(
        "x was cast to the tables' dtype (bfloat16) for the rotation and back after it, which "
        "rounds the queries to bfloat16's 3 significant digits: rotate x as it is, x * cos + "
        "cat(-x2, x1) * sin (torch promotes the bfloat16 tables to x's float32)")
        if torch.allclose(got.float(), rounded, atol=1e-6) else None)
    # one token (a generation step with a KV cache) in bfloat16: a branch for one token
    # (x.float() "for precision", tables cast to float32) shows only here
    what = "apply_rope on a bfloat16 (2, 2, 1, 6) input (one token, as in generation), offset=5"
    got = _tensor(call_answer(impl, (x[:, :, :1].bfloat16(), cos.bfloat16(), sin.bfloat16(), 5),
                              what), what, (2, 2, 1, 6))
    if got.dtype != torch.bfloat16:
        raise CheckFailure(f"{what} returned {got.dtype}, yet 3 bfloat16 tokens stay bfloat16: "
                           "a branch for one token (num_tokens == 1, the generation step) "
                           "changes the dtype (x.float(), tables or a result cast to float32 "
                           "there); keep x's dtype for every number of tokens, or drop the "
                           "branch: x * cos[offset:offset + num_tokens] + cat(-x2, x1) * "
                           "sin[offset:offset + num_tokens] handles one token too")
    # Attention hands over its queries and keys as .view(b, T, heads, d).transpose(1, 2):
    # not contiguous, so a .view that merges batch and heads cannot run on them.
    x = torch.randn(2, 4, 3, 8, generator=torch.Generator().manual_seed(31)).transpose(1, 2)
    cos, sin = compute_rope_params(8, 10_000, 16)
    what = ("apply_rope on a non-contiguous (2, 3, 4, 8) input (queries after .view(b, T, "
            "heads, d).transpose(1, 2)), offset=1")
    got = call_answer(impl, (x, cos, sin, 1), what, hints=[("view size is not compatible", (
        "x is not contiguous (attention transposes its queries and keys, .transpose(1, 2), "
        "before RoPE), and .view cannot merge dimensions of such a tensor (x.view(-1, "
        "num_tokens, head_dim) joins batch and heads): use .reshape, or rotate x as it is, "
        "x * cos + cat(-x2, x1) * sin broadcasts over batch and heads"))])
    assert_close(_tensor(got, what, x.shape), apply_rope(x, cos, sin, 1), what, atol=1e-5)
    # the meta device stands in for a GPU: a result built in a tensor made without device=
    what = ("apply_rope on a (2, 3, 4, 8) input and tables on the meta device (standing in "
            "for a GPU)")
    # index_select with a CPU index: meta lets it pass, CUDA not
    spy = mixed_device_calls(("index_select", "gather"))
    try:  # meta tensors hold no numbers: only a copy to the CPU is evidence
        with spy:
            got = impl(x.to("meta"), cos.to("meta"), sin.to("meta"), 1)
    except Exception as err:  # noqa: BLE001 - a crash for want of numbers is no evidence
        if _mixed_devices(err):
            raise CheckFailure(
                f"{what}: your code raised {type(err).__name__}: {err}. A tensor made inside "
                "without device= (torch.tensor([...]), torch.ones(...) or torch.arange(...) "
                "for signs, a mask or positions) is on the CPU and meets x on another device "
                "(a GPU, here the meta device): make it with device=x.device, or build the "
                "result from x, cos and sin alone, x * cos + cat(-x2, x1) * sin") from err
        if "copy out of meta" not in str(err):
            got = None
        else:
            raise CheckFailure(
                f"{what}: your code raised {type(err).__name__}: {err}. A tensor made without "
                "device= (torch.empty/zeros(x.shape, ...)) is on the CPU, so filling it from x "
                "on another device (a GPU, here the meta device) fails: make it with "
                "device=x.device (or x.new_empty), or build the result directly, x * cos + "
                "cat(-x2, x1) * sin") from err
    if spy.seen:
        raise CheckFailure(f"{what}: your code hands torch.{spy.seen[0]} an index on the cpu "
                           "for tables on another device; the meta device lets it pass, but "
                           "with CUDA tables it raises 'Expected all tensors to be on the same "
                           "device': make the positions on the tables' device, "
                           "torch.arange(..., device=cos.device), or slice the rows, "
                           "cos[offset:offset + num_tokens]")
    away = tensors_not_on(got, "meta") if isinstance(got, torch.Tensor) else []
    if away:
        raise CheckFailure(f"{what}: {away[0]}, not on x's device: a tensor made without "
                           "device= (or moved with a fixed .to(...)) holds the result; make it "
                           "with device=x.device, or build the result from x directly")
    # positions past the tables (a cache grown past the context the tables were built
    # for): there are no rows for them, so cos[offset:offset + num_tokens] fails; a clamp or a
    # wrap of the positions instead rotates those tokens by another position's angle, silently
    x_past = torch.randn(1, 2, 4, 8, generator=torch.Generator().manual_seed(33))
    what = (f"apply_rope on a (1, 2, 4, 8) input with offset=14 and tables of {cos.shape[0]} "
            "rows (positions 14 to 17, past the last row, 15)")
    try:
        got = impl(x_past.clone(), cos, sin, 14)
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 - any error is right: the rows do not exist
        got = None
    if got is not None:
        x1_, x2_ = x_past[..., :4], x_past[..., 4:]
        turned = torch.cat((-x2_, x1_), dim=-1)
        how = None
        for name, pos in (("clamped to the last row (.clamp(max=len - 1))",
                           torch.arange(14, 18).clamp(max=15)),
                          ("wrapped around to the first rows (% len)", torch.arange(14, 18) % 16)):
            if isinstance(got, torch.Tensor) and got.shape == x_past.shape and torch.allclose(
                    got, x_past * cos[pos] + turned * sin[pos], atol=1e-5):
                how = name
        raise CheckFailure(f"{what} returned a result, yet the tables have no rows for "
                           "positions 16 and 17: "
                           + (f"your positions are {how}, so those tokens are rotated by "
                              "another position's angle without a word" if how else
                              "something stands in for the missing rows")
                           + "; let it fail, as cos[offset:offset + num_tokens] does (the "
                           "caller must build tables for a longer context)")
    # no tokens (an empty prompt): an empty result of x's shape
    what = "apply_rope on a (2, 3, 0, 8) input (no tokens), offset=0"
    got = call_answer(impl, (torch.zeros(2, 3, 0, 8), cos, sin, 0), what, hints=[(
        "non-empty TensorList", "the tokens are rotated one at a time and joined with "
        "torch.stack (or cat), which fails on a list of none: rotate all tokens at once, x * "
        "cos[offset:offset + num_tokens] + cat(-x2, x1) * sin[offset:offset + num_tokens], "
        "which gives an empty result for no tokens")])
    _tensor(got, what, (2, 3, 0, 8))
    check_cases(state_probed(guarded, [
        ("a call without a KV cache", lambda answer: _default_offset(_tables_copied(answer), gen)),
        ("a longer prompt", lambda answer: _longer_prompt(_tables_copied(answer))),
        ("the offset passed by name", lambda answer: _offset_by_name(_tables_copied(answer)))]))


def _offset_by_name(impl):
    """The library's attention passes the offset by name (llmscratch/gqa.py calls
    apply_rope(queries, cos, sin, offset=start)): the parameter must be called offset, not
    start_pos or pos."""
    cos, sin = compute_rope_params(8, 10_000, 16)
    x = torch.randn(1, 2, 3, 8, generator=torch.Generator().manual_seed(46))
    what = ("apply_rope(x, cos, sin, offset=5) on a (1, 2, 3, 8) input (the offset passed by "
            "name, as the attention in llmscratch/gqa.py does)")
    try:
        got = impl(x.clone(), cos, sin, offset=5)
    except TypeError as err:
        if "offset" not in str(err):
            raise
        try:
            names = f" Your parameters are ({', '.join(inspect.signature(impl).parameters)})."
        except (TypeError, ValueError):  # no signature to show
            names = ""
        raise CheckFailure(f"{what}: your code raised TypeError: {err}.{names} The fourth "
                           "must be called offset, def apply_rope(x, cos, sin, offset=0): "
                           "callers pass it by name, apply_rope(queries, cos, sin, "
                           "offset=start)") from err
    assert_close(_tensor(got, what, x.shape), apply_rope(x, cos, sin, 5), what, atol=1e-5)


def _rope_case(impl, x, offset, base, earlier):
    """One case of check_rope: x rotated from position ``offset`` with tables of ``base``."""
    b, heads, T, d = x.shape
    cos, sin = compute_rope_params(d, base, 16)
    what = f"apply_rope on a {(b, heads, T, d)} input with offset={offset}"
    x_in = x.clone()
    rows = cos.shape[0] - offset  # what cos[offset:] holds
    got = call_answer(impl, (x_in, cos, sin, offset), what, hints=[
        ("positional argument", "apply_rope takes four arguments, (x, cos, sin, "
         "offset=0): the offset is the position of the first token (0 without a cache)"),
        ("slice indices must be integers", f"a slice bound is a float (head_dim / 2 gives "
         f"{d / 2}): use integer division, x[..., : head_dim // 2]"),
        (f"size of tensor b ({heads}) at non-singleton dimension 2", "the tables have "
         f"{heads} rows, the number of heads: num_tokens is x.shape[-2] (x is (batch, "
         "num_heads, num_tokens, head_dim)), not x.shape[1]"),
        (f"size of tensor b ({rows}) at non-singleton dimension 2", f"the tables have "
         f"{rows} rows, all from the offset to the end: the slice needs its end too, "
         "cos[offset:offset + num_tokens] (and sin alike), with num_tokens = x.shape[-2], "
         "not the table's length cos.shape[0]"),
        (f"size of tensor a ({d}) must match the size of tensor b ({T}) at non-singleton "
         "dimension 3", f"the tables are cut along their columns (cos[:, offset:offset + "
         f"num_tokens]), which leaves {T} of their {d} values per row: slice the rows, "
         "cos[offset:offset + num_tokens] (and sin alike)"),
        (f"size of tensor a ({d // 2}) must match the size of tensor b ({d}) at "
         "non-singleton dimension 3", f"a tensor of {d // 2} values per row (a half, x1 or "
         f"x2) meets one of {d} (head_dim): either the halves are multiplied by the "
         f"full-width tables (for the per-half form take their first {d // 2} columns, "
         "cos[offset:offset + num_tokens, :head_dim // 2]), or the rotated half does not "
         "have head_dim values: concatenate -x2 and x1 along the last dimension, "
         "torch.cat((-x2, x1), dim=-1)"),
        (f"size of tensor a ({2 * d}) must match the size of tensor b ({d}) at "
         "non-singleton dimension 3", f"the rotated half has {2 * d} values per row, twice "
         f"head_dim: x1 and x2 each hold all {d} values, so x was not split along its last "
         "dimension (x.chunk(2) or torch.split without dim=-1 cuts dim 0, the batch); "
         "split head_dim, x1, x2 = x[..., :head_dim // 2], x[..., head_dim // 2:]"),
        *[(f"size of tensor a ({a}) must match the size of tensor b ({b_}) at "
           "non-singleton dimension 1", f"the tables' {T} rows (the tokens) met x's "
           f"{heads} heads (dimension 1 of x): the rows got a new axis after them "
           "(cos.unsqueeze(1), or [:, None], the layout of (batch, num_tokens, num_heads, "
           "head_dim) code); x here is (batch, num_heads, num_tokens, head_dim), and "
           "cos[offset:offset + num_tokens], (num_tokens, head_dim), broadcasts over it as "
           "it is") for a, b_ in ((heads, T), (T, heads))],
        ("too many values to unpack (expected 2)", "two names got more than two values "
         f"(x1, x2 = ...?): x.split(2, dim=-1) cuts pieces of SIZE 2 ({d // 2} of them "
         f"for head_dim={d}), and unbind or a split along another dimension give more "
         "too; take the two halves, x.chunk(2, dim=-1) or x.split(head_dim // 2, dim=-1)"),
        ("non-singleton dimension 3", "the rotated half does not have head_dim values: "
         "concatenate -x2 and x1 along the last dimension, torch.cat((-x2, x1), dim=-1)"),
        ("must match the size", "the tables' rows do not line up with the tokens: "
         "num_tokens is x.shape[-2] (x is (batch, num_heads, num_tokens, head_dim)), and "
         "the rows are cos[offset:offset + num_tokens]")])
    if isinstance(got, torch.Tensor) and x.shape[0] > 1 and got.dim() == 4 and \
            got.shape[0] == 1 and got.shape[1:] == x.shape[1:]:
        try:  # right for a batch of one: x[0:1], x[0] or squeeze(0) / unsqueeze(0) inside?
            alone = torch.allclose(impl(x[:1].clone(), cos, sin, offset),
                                   apply_rope(x[:1], cos, sin, offset), atol=1e-5)
        except Exception:  # noqa: BLE001 - no evidence either way
            alone = False
        if alone:
            raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected "
                               f"{tuple(x.shape)}, yet a batch of one gives the right "
                               "result: the code assumes batch 1 (x[0:1], x[0] or "
                               "squeeze(0) and unsqueeze(0)); rotate the whole 4-D x, "
                               "every batch row")
    if isinstance(got, torch.Tensor) and offset and tuple(got.shape) == (
            b, heads, max(T - offset, 0), d):
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected {tuple(x.shape)}"
                           f": you returned offset = {offset} fewer tokens than x holds, "
                           "as if the offset cut the first tokens off x (x[..., offset:, "
                           ":]?); the offset only says at which position x's first token "
                           "sits: rotate every token of x, with the table rows "
                           "cos[offset:offset + num_tokens] (and sin alike)")
    got = _tensor(got, what, x.shape)
    if got.dtype != x.dtype:
        raise CheckFailure(f"{what} returned {got.dtype} for a {x.dtype} input and "
                           f"{cos.dtype} tables: keep x's dtype (no .double(), .float() "
                           "or dtype= inside); x * cos + cat(-x2, x1) * sin gives it as it is")
    stale = [f"offset={o} and theta_base={bs:,}" for o, bs, c0, s0 in earlier
             if c0.shape == cos.shape and not torch.allclose(
                 apply_rope(x, c0, s0, o), apply_rope(x, cos, sin, offset), atol=1e-5)
             and torch.allclose(got, apply_rope(x, c0, s0, o), atol=1e-5)]
    earlier.append((offset, base, cos, sin))
    hint = (f"your code keeps state between calls: yours is rotated with the rows of an "
            f"earlier call (its {stale[0]}): something is kept between calls (rows or "
            "tables cached by num_tokens, head_dim or offset?); slice the tables passed in, "
            "cos[offset:offset + num_tokens], on every call") if stale else None
    hint = hint or _likely(got, _rope_mistakes(x, cos, sin, offset)) or _rope_undone(
        got, x, cos, sin, offset) or _rope_contrast(got, x, cos, sin, offset)
    if hint.startswith("the positions start at 0") and offset + 2 * T <= cos.shape[0]:
        hint = _offset_as_end(impl, x, cos, sin, offset + T) or hint
    if hint.startswith("the rows end at num_tokens") and T > 1:
        try:  # offset 1: cos[1:num_tokens] has too few rows, cos[1] one for every token
            x1_, x2_ = x[..., : d // 2], x[..., d // 2 :]
            one = torch.allclose(impl(x.clone(), cos, sin, 1), x * cos[1] + torch.cat(
                (-x2_, x1_), dim=-1) * sin[1], atol=1e-5)
        except Exception:  # noqa: BLE001 - no evidence either way
            one = False
        if one:
            hint = next(c for c in _rope_mistakes(x, cos, sin, offset)
                        if c.startswith("every token is turned"))
    if "the same number here (head_dim halved twice" in hint:
        hint = _quarter_or_tokens(impl, hint) or hint
    if hint.startswith("the rows come from the END"):
        hint = _first_row(impl, x, d, base, offset) or hint
    if hint.startswith(("the halves are split at num_heads =",
                        "the halves are split at num_tokens =")):
        hint = _axis_split(impl, hint) or hint
    if hint.startswith(("the rotated half is cat(x1, x2) unchanged", "tokens [")):
        hint = _fixed_split(impl, d) or hint
    assert_close(got, apply_rope(x, cos, sin, offset), what, atol=1e-5, hint=hint)
    if not torch.equal(x_in, x):
        raise CheckFailure(f"{what} changed x in place (x.mul_(...), x[...] = ...): the "
                           "caller's queries and keys must stay as they were; build the "
                           "result as a new tensor, x * cos + cat(-x2, x1) * sin")
    x_in = x.clone().requires_grad_(True)
    weights = torch.linspace(-1.0, 1.0, x.numel()).reshape(x.shape)
    out = impl(x_in, cos, sin, offset)
    try:
        grad = torch.autograd.grad((out * weights).sum(), x_in, allow_unused=True)[0] \
            if out.requires_grad else None
    except RuntimeError as err:
        if "modified by an inplace operation" not in str(err):
            raise
        _inplace_after_use(err, what, x.shape)
    x_ref = x.clone().requires_grad_(True)
    (apply_rope(x_ref, cos, sin, offset) * weights).sum().backward()
    assert_close(torch.zeros_like(x) if grad is None else grad, x_ref.grad,
                 f"the gradient of {what} with respect to x", atol=1e-5,
                 hint="the values are right but the gradient is not: keep every step a "
                      "differentiable torch operation on x (no .detach() or .data)")


def _inplace_after_use(err, what, shape):
    """Name a backward pass that fails because the answer changed in place a tensor it had
    already multiplied by (folding the minus of cat(-x2, x1) into sin with ``*= -1`` and
    changing it back leaves the values right, but not the saved tensor's version)."""
    found = re.search(r"\[torch\.\w+ \[([\d, ]+)\]\]", str(err))
    size = tuple(int(n) for n in found.group(1).split(", ")) if found else None
    T, d = shape[-2], shape[-1]
    which = (f" The changed tensor is ({T}, {d}), the shape of the table rows your code "
             "slices from cos and sin: a slice of a table was changed in place (such as "
             "sin[..., :half] *= -1 to fold in the minus, even if it is changed back "
             "afterwards, which also changes the caller's table meanwhile)."
             if size == (T, d) else f" The changed tensor has the shape {size}." if size else "")
    raise CheckFailure(f"{what}: the values are right, but the gradient cannot be computed: "
                       "autograd kept a tensor your code multiplied by, and your code then "
                       "changed that tensor in place (version counter: "
                       f"{str(err).split(':', 1)[0]}).{which} Build new tensors instead, "
                       "x * cos + torch.cat((-x2, x1), dim=-1) * sin, and leave cos and sin "
                       "as they are") from err


def _longer_prompt(impl):
    """12 tokens, more than any earlier call: positions or rows kept from those calls run
    short here."""
    cos, sin = compute_rope_params(8, 10_000, 16)
    x = torch.randn(1, 2, 12, 8, generator=torch.Generator().manual_seed(33))
    what = "apply_rope on a (1, 2, 12, 8) input (12 tokens, more than before), offset=2"
    eight = ("the 12 tokens met 8 table rows, and 8 is head_dim (the earlier calls had no more "
             "tokens than head_dim, so a slice capped there went unnoticed): the number of "
             "rows comes from x.shape[-1] (head_dim) where x.shape[-2], num_tokens, was meant; "
             "take cos[offset:offset + num_tokens] with num_tokens = x.shape[-2]")
    got = _tensor(call_answer(impl, (x.clone(), cos, sin, 2), what, hints=[
        ("size of tensor a (12) must match the size of tensor b (8)", eight),
        ("size of tensor a (8) must match the size of tensor b (12)", eight)]), what, x.shape)
    assert_close(got, apply_rope(x, cos, sin, 2), what, atol=1e-5)
    # the last rows of the tables: offset + num_tokens == context_length is allowed
    what = ("apply_rope on a (1, 2, 4, 8) input with offset=12 and tables of 16 rows (the "
            "tokens reach the tables' last row)")
    end = ("this call reads rows 12 .. 15 of tables with 16 rows, so the tokens reach the last "
           "row, which is allowed: is a bound check one too strict (offset + num_tokens >= "
           "cos.shape[0] instead of >), or an end index past the table? Only offset + "
           "num_tokens > cos.shape[0] is too long; slice cos[offset:offset + num_tokens]")
    got = _tensor(call_answer(impl, (x[:, :, :4].clone(), cos, sin, 12), what, hints=[
        (ValueError, end), (IndexError, end), (AssertionError, end)]), what, (1, 2, 4, 8))
    assert_close(got, apply_rope(x[:, :, :4], cos, sin, 12), what, atol=1e-5)
    # positions past 2048: float16 holds only even integers there, bfloat16 past 256
    cos, sin = compute_rope_params(8, 10_000, 2_060)
    x = x[:, :, :5]
    what = "apply_rope on a (1, 2, 5, 8) input with offset=2,051 (a long KV cache)"
    got = _tensor(call_answer(impl, (x.clone(), cos, sin, 2_051), what), what, x.shape)
    rot = torch.cat((-x[..., 4:], x[..., :4]), dim=-1)
    rounded = next((str(dt)[6:] for dt in (torch.float16, torch.bfloat16) if torch.allclose(
        got, x * cos[(torch.arange(5, dtype=dt) + 2_051).long()] + rot * sin[(torch.arange(
            5, dtype=dt) + 2_051).long()], atol=1e-5)), None)
    assert_close(got, apply_rope(x, cos, sin, 2_051), what, atol=1e-5, hint=(
        f"yours reads the table rows of positions rounded to {rounded} (float16 holds only "
        "even integers past 2,048, bfloat16 only multiples of 16 past 2,048): the positions "
        "are made in a half-precision dtype; slice the rows, cos[offset:offset + num_tokens], "
        "or make positions as integers, torch.arange(offset, offset + num_tokens)")
        if rounded else None)
    # positions past 32,767 (Llama 3 reads up to 131,072): int16 positions wrap negative there;
    # tables tiled from 64 rows are cheap, and the wrapped rows still differ from the right ones
    cos, sin = (t.repeat(513, 1)[:32_776] for t in compute_rope_params(8, 10_000, 64))
    what = "apply_rope on a (1, 2, 5, 8) input with offset=32,770 (a 32k-token KV cache)"
    got = _tensor(call_answer(impl, (x.clone(), cos, sin, 32_770), what), what, x.shape)
    wrapped = (torch.arange(5) + 32_770).to(torch.int16).long()
    wrapped = torch.allclose(got, x * cos[wrapped] + rot * sin[wrapped], atol=1e-5)
    assert_close(got, apply_rope(x, cos, sin, 32_770), what, atol=1e-5, hint=(
        "for the positions past 32,767 yours reads the rows of position - 65,536, counted "
        "from the table's end: the positions wrap there, as int16 ones do (torch.arange(..., "
        "dtype=torch.int16), or .short()); make positions int64, torch.arange(offset, offset "
        "+ num_tokens), or slice the rows, cos[offset:offset + num_tokens]")
        if wrapped else None)


def _default_offset(impl, gen):
    """Call without the offset argument: a cache-less caller's call, which must mean 0, also
    right after a call with offset=4 (a position carried over from that call shows here)."""
    cos, sin = compute_rope_params(8, 10_000, 16)
    x = torch.randn(1, 2, 3, 8, generator=gen)
    with contextlib.suppress(Exception):  # the earlier call; its errors are left to the rest
        impl(x.clone(), cos, sin, 4)
    what = ("apply_rope(x, cos, sin) on a (1, 2, 3, 8) input, offset left out (after a call "
            "with offset=4)")
    got = _tensor(call_answer(impl, (x.clone(), cos, sin), what, hints=[
        ("missing 1 required positional argument", "offset needs its default, def "
         "apply_rope(x, cos, sin, offset=0): without a KV cache callers leave it out")]),
        what, x.shape)
    used = next((o for o in range(1, 14) if torch.allclose(got, apply_rope(x, cos, sin, o),
                                                           atol=1e-5)), None)
    assert_close(got, apply_rope(x, cos, sin, 0), what, atol=1e-5, hint=(
        f"left out, your offset is {used}" + (
            ", where the call before (offset 4, 3 tokens) ended: a position carried over "
            "from an earlier call (kept on the function or in a global)" if used == 7 else "")
        + ": its default must be 0, def apply_rope(x, cos, sin, offset=0) (the first token "
        "sits at position 0 when there is no cache)"
        if used is not None else "right with an explicit offset but not without one: the "
        "default is offset=0"))


# --- ex4_22: repeating key/value heads for GQA ----------------------------------------------------


def _head_order_hint(got, kv, size, impl=None):
    """Which K/V head each output head copies (-1: none), against h // group_size."""
    order = [next((g for g in range(kv.shape[1]) if torch.equal(got[:, h], kv[:, g])), -1)
             for h in range(got.shape[1])]
    want = [h // size for h in range(got.shape[1])]
    if -1 in order:
        wrong = [h for h, g in enumerate(order) if g < 0]
        rows = [next((p for p in range(kv.shape[0]) if torch.equal(
            got[r], kv[p].repeat_interleave(size, dim=0))), -1) for r in range(got.shape[0])]
        if -1 not in rows:
            return (f"each output batch row is a right row, but of another batch row: yours "
                    f"are the input rows {rows} in that order, expected "
                    f"{list(range(kv.shape[0]))}: the batch rows were reordered (a loop over "
                    "the batch that starts at 1 and appends row 0 last, or rows joined in "
                    "another order?); keep the batch as it is, torch.repeat_interleave(kv, "
                    "group_size, dim=1)")
        mixed = next(((r, h, bj, g) for r in range(got.shape[0]) for h in range(got.shape[1])
                      for bj in range(kv.shape[0]) for g in range(kv.shape[1])
                      if bj != r and not torch.equal(got[r, h], kv[r, h // size])
                      and torch.equal(got[r, h], kv[bj, g])), None)
        if mixed and all(any(torch.equal(got[r, h], kv[bj, g]) for bj in range(kv.shape[0])
                             for g in range(kv.shape[1]))
                         for r in range(got.shape[0]) for h in range(got.shape[1])):
            r, h, bj, g = mixed
            return (f"every output head is a whole K/V head, but from the wrong batch row: "
                    f"your batch row {r}, head {h} is batch row {bj}'s K/V head {g}: the batch "
                    "is mixed into the heads (batch and heads swapped by a transpose(0, 1) or "
                    "permute and reshaped back without swapping them back, or flattened "
                    "together and the copies tiled over both); keep the batch on dim 0, "
                    "torch.repeat_interleave(kv, group_size, dim=1)")
        expected = kv.repeat_interleave(size, dim=1)
        said = describe_difference(got, expected, dims=("batch", "heads", "tokens",
                                                        "head_dim"), where=False)
        if said and torch.equal(got.flatten().sort().values, expected.flatten().sort().values):
            return (f"output heads {wrong} copy none of the input's K/V heads, yet your output "
                    f"holds exactly the right values, in other places. {said} repeat_kv only "
                    "copies whole heads and keeps each head's tokens and head_dim as they "
                    "are: torch.repeat_interleave(kv, group_size, dim=1)")
        T = kv.shape[2]  # a head whose tokens are a permutation of the right head's
        moved = [h for h in wrong if h // size < kv.shape[1] and sorted(next((
            t2 for t2 in range(T) if torch.equal(got[:, h, t], kv[:, h // size, t2])), -1)
            for t in range(T)) == list(range(T))]
        if moved == wrong and got.shape == expected.shape and len(wrong) < got.shape[1] and \
                all(order[h] == want[h] for h in range(got.shape[1]) if h not in wrong):
            flipped = all(torch.equal(got[:, h], kv[:, h // size].flip(1)) for h in wrong)
            return (f"output heads {wrong} hold the right K/V head (h // group_size) but with "
                    "its tokens " + ("in reverse order (a flip along the tokens)" if flipped
                                     else "in another order") + ", and the other output heads "
                    "are right: repeat_kv copies each head whole, its tokens in their order; "
                    "treat every copy alike, torch.repeat_interleave(kv, group_size, dim=1)")
        if torch.equal(got.flatten().sort().values, expected.flatten().sort().values):
            return (f"output heads {wrong} copy none of the input's K/V heads, yet your output "
                    "holds exactly the right values, in other places: the repeat axis is "
                    "inserted in the wrong spot (after the tokens or head_dim) or a reshape/view "
                    "mixes tokens into the heads; put the new axis right after the heads, "
                    "kv[:, :, None].expand(b, g, group_size, T, d).reshape(b, g * group_size, "
                    "T, d), or use torch.repeat_interleave(kv, group_size, dim=1)")
        off = got != expected  # each head mostly right: a part of the copy missing or changed
        if got.shape == expected.shape and bool(off.any()) and float(
                off.transpose(0, 1).reshape(off.shape[1], -1).float().mean(1).max()) <= 0.5:
            where_ = describe_difference(got, expected, dims=("batch", "heads", "tokens",
                                                              "head_dim"))
            return (f"output heads {wrong} are the right copies (query head h reads K/V head "
                    "h // group_size) but for some values: "
                    + (where_.removeprefix("What differs: ").rstrip(".") if where_ else
                       f"{int(off.sum())} of {off.numel()} values differ")
                    + ("; every wrong value is 0, never written: a buffer filled only in part "
                       "(a slice or loop one short, such as [:, :, :-1] or range(T - 1)?)"
                       if not bool(got[off].any()) else "; those values were changed after "
                       "the copy" + _changed_values(got[off], expected[off]))
                    + ": repeat_kv copies whole heads, every token and every "
                    "head_dim value, torch.repeat_interleave(kv, group_size, dim=1)")
        rounded = next((name for name, low in (("float16", torch.float16), ("bfloat16",
                                                                            torch.bfloat16),
                                               ("float32", torch.float32))
                        if got.shape == expected.shape and got.dtype == kv.dtype != low and
                        torch.equal(got, expected.to(low).to(kv.dtype))), None)
        if rounded:
            return (f"output heads {wrong} are the right copies (query head h reads K/V head "
                    f"h // group_size) but every value is kv's rounded to {rounded}: the heads "
                    f"went through {rounded} and back (.half(), .to({rounded}) ... "
                    ".to(kv.dtype)?), which loses precision; repeat_kv only copies heads, so "
                    "keep kv's dtype throughout, torch.repeat_interleave(kv, group_size, dim=1)")
        zero = [h for h in wrong if not bool(got[:, h].any())]
        strided = torch.zeros_like(got)  # a loop writing copy j of head g to g * groups + j
        for g in range(kv.shape[1]):
            for j in range(size):
                if g * kv.shape[1] + j < got.shape[1]:
                    strided[:, g * kv.shape[1] + j] = kv[:, g]
        shown = "[" + ", ".join("none" if g < 0 else str(g) for g in order) + "]"
        return (f"output heads {wrong} copy none of the input's K/V heads: your output heads "
                f"copy the K/V heads {shown}, expected {want}" + (
                    f"; heads {zero} are all zeros, never written, exactly as a loop that "
                    "puts copy j of K/V head g at slot g * num_kv_groups + j leaves them (slots "
                    "written twice, others missed); the slot is g * group_size + j"
                    if zero and torch.equal(got, strided) else
                    f"; heads {zero} are all zeros, never written: exactly the LAST copy of "
                    "every K/V head (slot g * group_size + group_size - 1), as a slice or loop "
                    "one short per group leaves them (start:start + group_size - 1, or "
                    "range(group_size - 1)); each K/V head needs group_size copies"
                    if zero == [g * size + size - 1 for g in range(kv.shape[1])] and size > 1
                    and all(o == h // size for h, o in enumerate(order) if h not in zero)
                    else
                    f"; heads {zero} are all zeros, never written: a loop whose slot index "
                    "writes some slots twice and misses others" if zero else
                    "; those hold values computed from kv, or from other places"
                    + (f" ({said.removeprefix('What differs: ').rstrip('.')})" if (
                        said := describe_difference(got, kv.repeat_interleave(size, dim=1)))
                       else "")) +
                ": repeat_kv only copies heads, it computes nothing new; query head h reads "
                "K/V head h // group_size, torch.repeat_interleave(kv, group_size, dim=1)")
    def rules(g, size):
        return [
            ("(h - 1) // group_size, wrapped: an index counted from 1",
             lambda h: (h - 1) // size % g),
            ("(h + 1) // group_size: an off-by-one", lambda h: (h + 1) // size % g),
            ("(h + 1) // group_size, clipped to the last head: an off-by-one",
             lambda h: min((h + 1) // size, g - 1)),
            ("h // group_size - 1, wrapped (index -1 reads the last K/V head): every head "
             "index one too low, the heads rotated by one", lambda h: (h // size - 1) % g),
            ("the heads reversed, (g - 1) - h // group_size", lambda h: g - 1 - h // size),
            ("h % num_kv_groups: the heads tiled", lambda h: h % g),
            ("round(h / group_size), clipped to the last head: rounded, not floored",
             lambda h: min(round(h / size), g - 1))]

    def matching(order, g, size):
        return [name for name, rule in rules(g, size)
                if order == [rule(h) for h in range(len(order))]]

    named = matching(order, kv.shape[1], size)
    if len(named) > 1 and impl is not None:  # two rules give this order: ask another size
        other = torch.arange(24.0).reshape(1, 3, 2, 4)
        try:
            again = impl(other.clone(), 4)
            seen = [next((g for g in range(3) if torch.equal(again[:, h], other[:, g])), -1)
                    for h in range(again.shape[1])]
        except Exception:  # noqa: BLE001 - no evidence either way
            seen = None
        named = [n for n in named if seen is not None and n in matching(seen, 3, 4)]
    rule = f" (yours is {named[0]})" if len(named) == 1 else ""
    return (f"your output heads copy the K/V heads {order}{rule}; query head h must read K/V "
            f"head h // group_size, which is {want}: each K/V head repeated group_size times in "
            "place, torch.repeat_interleave(kv, group_size, dim=1)")


def _changed_values(yours, right):
    """' (...)' naming what the changed values share: one or two values (a clamp or a fill,
    with the right values all beyond them when it is a clamp), else ''."""
    kinds = sorted(set(yours.double().tolist()))
    if not 1 <= len(kinds) <= 2:
        return ""
    said = ", ".join(f"{v:g}" for v in kinds)
    limit = max(abs(v) for v in kinds)
    beyond = bool((right.double().abs() > limit).all()) and \
        all(abs(abs(v) - limit) < 1e-12 for v in kinds)
    return (f" (every changed value is {said}" + (
        f", where kv holds values beyond +-{limit:g}: the values were clamped at +-{limit:g}; "
        "nothing limits the keys and values here)" if beyond else
        ": written over the copies, a fill or a clamp?)"))


def _head_count_hint(impl, kv, n, groups, size):
    """Why ``n`` heads came back instead of groups * size: group_size ignored, the number of
    K/V heads fixed, or group_size read as the total number of query heads."""
    plain = (f"you returned {n} heads; expected num_kv_groups * group_size = {groups} * {size}")
    other = size + 2
    try:
        again = impl(kv.clone(), other).shape[1]
    except Exception:  # noqa: BLE001 - no evidence either way
        again = None
    if n == groups * groups and groups > 1 and again == n:
        wider = kv.new_zeros(kv.shape[0], groups + 1, *kv.shape[2:])
        try:
            third = impl(wider, size).shape[1]
        except Exception:  # noqa: BLE001 - no evidence either way
            third = None
        if third == (groups + 1) ** 2:
            return (f"{plain}: you repeated each head num_kv_groups = kv.shape[1] = {groups} "
                    f"times (with {groups + 1} K/V heads, {groups + 1} times: {third} heads); "
                    "repeat it group_size times, the number of query heads that share it")
    batch = kv.shape[0]
    if again == n and n == groups * batch and batch not in (1, groups, size):
        try:
            more = impl(kv.new_zeros(batch + 1, *kv.shape[1:]), size).shape[1]
        except Exception:  # noqa: BLE001 - no evidence either way
            more = None
        if more == groups * (batch + 1):
            return (f"{plain}: you repeated each head batch = kv.shape[0] = {batch} times "
                    f"(with a batch of {batch + 1}, {batch + 1} times): kv.shape[0] is the "
                    "batch; repeat each K/V head group_size times")
    if again == n and n % groups == 0:
        return (f"{plain}: with group_size={other} you return {n} heads as well, so group_size "
                f"is ignored (each head repeated {n // groups} times, a number fixed in the "
                "code?): repeat each K/V head group_size times")
    if n % size == 0 and again == n // size * other and n // size == batch < groups:
        try:  # a loop over range(kv.shape[0]): ask again with a batch as large as the heads
            wide = impl(kv.new_zeros(groups, *kv.shape[1:]), size).shape[1]
        except Exception:  # noqa: BLE001 - no evidence either way
            wide = None
        if wide == groups * size:
            return (f"{plain}: you repeated {batch} K/V heads, as many as the batch "
                    f"(kv.shape[0] = {batch}; with a batch of {groups} all {groups} heads "
                    "come back): a loop over range(kv.shape[0]) runs over the batch; loop over "
                    "the K/V heads, range(kv.shape[1]), or use torch.repeat_interleave(kv, "
                    "group_size, dim=1)")
    if n == groups * groups * size and again == groups * groups * other:
        try:  # each head repeated num_heads = num_kv_groups * group_size times?
            third = impl(kv.new_zeros(kv.shape[0], groups + 1, *kv.shape[2:]), size).shape[1]
        except Exception:  # noqa: BLE001 - no evidence either way
            third = None
        if third == (groups + 1) ** 2 * size:
            return (f"{plain}: you repeated each head num_kv_groups * group_size = {groups} * "
                    f"{size} = {groups * size} times, the number of query heads (with "
                    f"{groups + 1} K/V heads: {third} heads); repeat each K/V head group_size "
                    "times, the number of query heads that share it")
    if n % size == 0 and again == n // size * other:
        try:  # which K/V heads came back: the first or the last left out is a loop's range
            heads = impl(kv.clone(), size)
            copied = sorted({g for g in range(groups) for h in range(heads.shape[1])
                             if torch.equal(heads[:, h], kv[:, g])})
            wider = impl(torch.cat((kv, kv[:, :1] + 1.0), dim=1), size).shape[1] // size
        except Exception:  # noqa: BLE001 - no evidence either way
            copied = wider = None
        if wider != groups:  # one K/V head short for any count, not a count fixed in the code
            copied = None
        edge = ("K/V head 0 is left out (a loop that starts at 1, range(1, kv.shape[1])?)"
                if copied == list(range(1, groups)) else
                f"the last K/V head, {groups - 1}, is left out (a range one short, "
                "range(kv.shape[1] - 1)?)" if copied == list(range(groups - 1)) else None)
        if edge:
            return (f"{plain}: your output copies the K/V heads {copied} only: {edge}; repeat "
                    "all of them, torch.repeat_interleave(kv, group_size, dim=1)")
        return (f"{plain}: you repeated {n // size} K/V heads, not the {groups} that kv holds "
                "(a number fixed in the code?): read num_kv_groups from kv.shape[1]")
    if size < groups and n == size * size:
        try:  # only the first group_size K/V heads repeated: a loop over range(group_size)?
            first = torch.equal(impl(kv.clone(), size), kv[:, :size].repeat_interleave(size, 1))
        except Exception:  # noqa: BLE001 - no evidence either way
            first = False
        if first:
            return (f"{plain}: you repeated only the first group_size = {size} K/V heads, each "
                    f"{size} times, and dropped the other {groups - size} (a loop over "
                    "range(group_size)?): loop over the K/V heads, range(kv.shape[1]), each "
                    "repeated group_size times, or use torch.repeat_interleave(kv, group_size, "
                    "dim=1)")
    if n == groups * (size // groups):
        return (f"{plain}: you repeated each head group_size // num_kv_groups = "
                f"{size // groups} times, as if group_size were the number of query heads; "
                "it is how many query heads share each K/V head, so repeat each one "
                "group_size times")
    return (f"{plain}: group_size is how many query heads share each K/V head, so repeat "
            "each one group_size times")


@one_thread
def check_repeat_kv(impl):
    gen = torch.Generator().manual_seed(22)
    cases = []
    for b, groups, size, T, d in [(7, 2, 3, 5, 4), (1, 3, 2, 4, 6), (3, 1, 4, 2, 8)]:
        kv = torch.randn(b, groups, T, d, generator=gen)
        cases.append((f"input {len(cases) + 1} of 4",
                      lambda answer, kv=kv, size=size: _repeat_case(answer, kv, size)))
    later = [torch.randn(2, 2, 3, 4, generator=gen) for _ in range(4)]
    cases.append(("input 4 of 4", lambda answer: _repeat_contracts(answer, later)))
    cases.append(("the arguments passed by name", _repeat_by_name))
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(impl, cases, probe_first=False))


def _repeat_by_name(impl):
    """repeat_kv(kv=..., group_size=2): the parameters under their own names."""
    kv = torch.randn(2, 2, 3, 4, generator=torch.Generator().manual_seed(46))
    what = "repeat_kv(kv=kv, group_size=2) on a (2, 2, 3, 4) input (passed by name)"
    got = call_by_name(impl, what, "def repeat_kv(kv, group_size)", kv=kv.clone(),
                          group_size=2)
    assert_close(_tensor(got, what, (2, 4, 3, 4)), kv.repeat_interleave(2, dim=1), what,
                 atol=0)


def _repeat_case(impl, kv, size):
    """One case of check_repeat_kv: the heads of ``kv`` repeated ``size`` times."""
    b, groups, T, d = kv.shape
    what = f"repeat_kv on a {(b, groups, T, d)} input with group_size={size}"
    # The batch (b) differs from num_kv_groups here, so an index past size `groups` is a
    # head index.
    past_heads = (f"an index reached past the last of the {groups} K/V heads: query head "
                  "h reads K/V head h // group_size, at most num_kv_groups - 1; "
                  "h // num_kv_groups or h % group_size go past it when group_size > "
                  "num_kv_groups; or use torch.repeat_interleave(kv, group_size, dim=1)")
    arg = kv.clone()
    with _batch_loop_named(impl, kv, size, what), _slice_write_named(impl, kv, size, what):
        got = call_answer(impl, (arg, size), what, hints=[
            (f"is out of bounds for dimension 0 with size {groups}", past_heads),
            (f"is out of bounds for dimension 1 with size {groups}", past_heads),
            ("view size is not compatible", "an expanded tensor (kv[:, :, None].expand(...)) "
             "shares memory across the copies, so .view cannot merge the copies with the heads: "
             "use .reshape(b, num_kv_groups * group_size, num_tokens, head_dim), which copies "
             "where it must"),
            ("expanded size of the tensor", "expand only stretches dimensions of size 1, and "
             "kv's heads dimension is num_kv_groups: insert a new axis of size 1 right after the "
             "heads, kv[:, :, None].expand(b, g, group_size, T, d), then .reshape(b, g * "
             "group_size, T, d), or use torch.repeat_interleave(kv, group_size, dim=1)"),
            ("Invalid output_size", f"repeat_interleave's output_size is the length of the "
             f"result along dim 1, kv.shape[1] * group_size = {groups * size} here (the error "
             "says which number it expected and which it got): a fixed multiple such as 2 * "
             "kv.shape[1] fits group_size 2 only; pass kv.shape[1] * group_size, or leave "
             "output_size out")])
    if arg.shape != kv.shape or not torch.equal(arg, kv):
        raise CheckFailure(f"{what} changed kv itself: afterwards the caller's tensor has "
                           f"shape {tuple(arg.shape)}" + (
                               " and other values" if arg.shape == kv.shape else
                               f", not {tuple(kv.shape)}") + " (kv.data = ..., "
                           "kv.set_(...), or an in-place op writing into kv): the caller "
                           "still needs the K/V heads as they were (a KV cache keeps them); "
                           "return a new tensor, torch.repeat_interleave(kv, group_size, "
                           "dim=1)")
    if isinstance(got, torch.Tensor) and got.dim() == 3 and \
            got.numel() == kv.numel() * size:
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected "
                           f"{(b, groups * size, T, d)}: the heads axis is gone, so the "
                           "tokens of every head were joined; indexing kv[:, h] drops "
                           "dimension 1: keep it with kv[:, h:h + 1], or use "
                           "torch.repeat_interleave(kv, group_size, dim=1)")
    if isinstance(got, torch.Tensor) and got.dim() == 4 and \
            tuple(got.shape) != (b, groups * size, T, d):
        dims = ["batch", "heads", "tokens", "head_dim"]
        grown = [dims[i] for i in range(4) if got.shape[i] != kv.shape[i]]
        if tuple(got.shape) == (b, groups * size, d, T) and T != d:
            flip = torch.equal(got, kv.repeat_interleave(size, dim=1).transpose(2, 3))
            why = ("the tokens and head_dim are swapped, (batch, heads, head_dim, "
                   "num_tokens): the result is transposed (a .transpose(2, 3) or .mT too "
                   "many?); keep kv's layout" if flip else
                   "the last two sizes are swapped, (batch, heads, head_dim, num_tokens): "
                   "the final reshape or view names them in the wrong order; reshape to "
                   "(b, num_kv_groups * group_size, num_tokens, head_dim), or use "
                   "torch.repeat_interleave(kv, group_size, dim=1)")
        elif tuple(got.shape) == (b, T, groups * size, d):
            why = ("the heads and tokens are swapped, (batch, num_tokens, heads, head_dim): "
                   "keep kv's layout, the heads on dim 1 (no transpose after repeating)")
        elif got.shape[0] == 1 and tuple(got.shape[1:]) == (groups * size, T, d):
            why = None  # the batch shrank to one: the batch-of-one probe below names it
        elif torch.equal(got.flatten(), kv.repeat_interleave(size, dim=1).flatten()):
            why = ("your values are the right ones, in the right memory order, but the "
                   "final reshape or view names the sizes in another order (kv.shape "
                   "unpacked in another order, such as batch, num_tokens, "
                   "num_kv_groups, head_dim = kv.shape?): kv is (batch, num_kv_groups, "
                   "num_tokens, head_dim); reshape to (b, num_kv_groups * group_size, "
                   "num_tokens, head_dim)")
        elif grown and grown != ["heads"]:
            why = (f"you repeated along the {[g for g in grown if g != 'heads'][0]} "
                   "dimension; repeat the heads, dim=1")
        else:
            why = _head_count_hint(impl, kv, got.shape[1], groups, size)
        if why:
            raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected "
                               f"{(b, groups * size, T, d)}: {why}")
    if isinstance(got, torch.Tensor) and tuple(got.shape) in (
            (b, groups, size, T, d), (b, size, groups, T, d)):
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected "
                           f"{(b, groups * size, T, d)}: the copies sit on an axis of their "
                           "own; merge it with the heads, .reshape(b, num_kv_groups * "
                           "group_size, num_tokens, head_dim) (the group axis right after "
                           "the heads, so that copies of one head stay together)")
    if isinstance(got, torch.Tensor) and got.dim() == 1 and got.numel() == kv.numel() * size:
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected "
                           f"{(b, groups * size, T, d)}: the result is flat, every value "
                           "repeated: repeat_interleave without dim flattens the tensor "
                           "first; pass dim=1, the heads")
    if isinstance(got, torch.Tensor) and tuple(got.shape) != (b, groups * size, T, d) \
            and b > 1:
        try:  # right for a batch of one: squeeze(0) / unsqueeze(0) or kv[0] inside?
            one = impl(kv[:1].clone(), size)
            alone = isinstance(one, torch.Tensor) and torch.equal(
                one, kv[:1].repeat_interleave(size, dim=1))
        except Exception:  # noqa: BLE001 - no evidence either way
            alone = False
        if alone:
            raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected "
                               f"{(b, groups * size, T, d)}, yet a batch of one gives the "
                               "right result: the code assumes batch 1 (kv.squeeze(0) and "
                               ".unsqueeze(0), or kv[0]), and with a larger batch squeeze(0) "
                               "does nothing; repeat the heads of the 4-D kv, dim=1")
    got = _tensor(got, what, (b, groups * size, T, d))
    _same_dtype(got, kv, what, impl)
    expected = kv.repeat_interleave(size, dim=1)
    mistakes = {
        "the heads are tiled (0, 1, 0, 1, ...) instead of each repeated in place "
        "(0, 0, 1, 1, ...): query head h must read K/V head h // group_size; use "
        "repeat_interleave(group_size, dim=1)": kv.repeat(1, size, 1, 1),
    }
    assert_close(got, expected, what, atol=0.0, hint=_likely(got, mistakes, atol=0.0) or
                 _head_order_hint(got, kv, size, impl))

class _SetitemSpy(torch.overrides.TorchFunctionMode):
    """Records the shapes of the first slice assignment (``out[...] = value``) that raises."""

    def __init__(self):
        super().__init__()
        self.failed = None

    def __torch_function__(self, func, types, args=(), kwargs=None):
        try:
            return func(*args, **(kwargs or {}))
        except RuntimeError:
            if self.failed is None and getattr(func, "__name__", "") == "__setitem__" and \
                    len(args) == 3 and isinstance(args[0], torch.Tensor):
                value = args[2]
                try:
                    slot = tuple(args[0][args[1]].shape)
                except Exception:  # noqa: BLE001 - the index itself is wrong: no shapes
                    slot = None
                if slot is not None and isinstance(value, torch.Tensor):
                    self.failed = (slot, tuple(value.shape))
            raise


@contextlib.contextmanager
def _slice_write_named(impl, kv, size, what):
    """Name a crash whose cause is a value of the wrong shape written into a slice of the
    result (a loop filling out[:, a:b] = ...), rather than an expand: the shapes come from
    running the answer again under a spy of slice assignments."""
    try:
        yield
    except CheckFailure as fail:
        if "expanded size of the tensor" not in str(fail) and \
                "must match the size of tensor" not in str(fail):
            raise
        spy = _SetitemSpy()
        try:
            with spy:
                impl(kv.clone(), size)
        except Exception:  # noqa: BLE001 - the crash is expected; the spy holds the shapes
            pass
        if spy.failed is None:
            raise
        slot, value = spy.failed
        b, _, T, d = kv.shape
        front = (" Broadcasting lines up shapes from the LAST dimension, so a new axis put in "
                 "FRONT (unsqueeze(0), kv[None, :, h]) lands on the batch, not on the copies: "
                 "kv[:, h] is (batch, num_tokens, head_dim); give it its copies' axis after "
                 "the batch, kv[:, h:h + 1] or kv[:, h].unsqueeze(1)"
                 if len(value) == 4 and value[0] == 1 and value[1:] == (b, T, d) and
                 slot[0] == b else
                 " kv[:, h] drops the heads axis, so the value is (batch, num_tokens, "
                 "head_dim), and broadcasting lines shapes up from the LAST dimension: its "
                 "batch meets the slice's copies axis; keep the axis, kv[:, h:h + 1] (or "
                 "kv[:, h].unsqueeze(1))"
                 if value == (b, T, d) and len(slot) == 4 and slot[0] == b else "")
        raise CheckFailure(
            f"{what}: your code raised while writing into a slice of the result: the value "
            f"has shape {value}, but the slice it goes into has shape {slot}, and the first "
            "cannot broadcast to the second." + front + (
                "; or use torch.repeat_interleave(kv, group_size, dim=1)" if front else
                " Make the value's shape match the slice (the batch first, then the heads), "
                "or use torch.repeat_interleave(kv, group_size, dim=1)")) from fail


@contextlib.contextmanager
def _batch_loop_named(impl, kv, size, what):
    """Turn a crash into the cause when the answer works once the batch is as large as the
    number of K/V heads: a loop over range(len(kv)) or kv.shape[0] runs over the batch."""
    try:
        yield
    except CheckFailure:
        b, groups = kv.shape[:2]
        if b > groups:
            try:
                probe = kv[:groups].clone()
                right = torch.equal(impl(probe.clone(), size),
                                    probe.repeat_interleave(size, dim=1))
            except Exception:  # noqa: BLE001 - no evidence either way
                right = False
            if right:
                raise CheckFailure(
                    f"{what}: your code fails with a batch of {b}, yet gives the right heads "
                    f"for the first {groups} batch rows alone (a batch as large as the "
                    f"{groups} K/V heads): a loop over range(len(kv)) or range(kv.shape[0]) "
                    "runs over the batch (dim 0), not over the K/V heads; loop over "
                    "range(kv.shape[1]), or use torch.repeat_interleave(kv, group_size, "
                    "dim=1)") from None
        raise


def _repeat_contracts(impl, later):
    """check_repeat_kv's calls on one tensor changed in place, on two tensors at once, with
    gradients, and inside grouped-query attention (``later``: four (2, 2, 3, 4) tensors)."""
    # A preallocated KV cache is written in place between steps: the same kv object must give
    # the new values (a cache keyed by the tensor object returns the old ones).
    kv = later[0].clone()
    old = kv.repeat_interleave(2, dim=1)
    call_answer(impl, (kv, 2), "repeat_kv on a (2, 2, 3, 4) input with group_size=2")
    kv.mul_(-2.0).add_(1.0)
    what = ("repeat_kv(kv, 2) called again on the same (2, 2, 3, 4) kv tensor after its values "
            "were changed in place (as a preallocated KV cache is at every step)")
    got = _tensor(call_answer(impl, (kv, 2), what), what, (2, 4, 3, 4))
    if not torch.equal(got, kv.repeat_interleave(2, dim=1)):
        try:  # a new tensor of the same shape: old heads again means a key without the values
            by_shape = torch.equal(impl(kv.clone() + 3.0, 2), old)
        except Exception:  # noqa: BLE001 - no evidence either way
            by_shape = False
        raise CheckFailure(f"{what} returns " + (
            "the OLD values, those of the first call, and a NEW tensor of the same shape gets "
            "them too: the result is kept between calls, keyed by the shape and group_size "
            "(a dict or cache keyed by kv.shape), not by the values; repeat the heads on "
            "every call" if torch.equal(got, old) and by_shape else
            "the OLD values, those of the first call: the result is kept between calls, keyed "
            "by the tensor object (functools.cache or lru_cache, or a dict keyed by kv or "
            "id(kv)); a tensor changed in place is still the same key, so repeat the heads on "
            "every call" if torch.equal(got, old)
            else "values that are not kv's heads repeated: something is kept between calls; "
            "repeat the heads of the kv passed in, on every call"))
    # Attention keeps the repeated keys while it repeats the values: two results at once.
    keys, values = later[1].clone(), later[2].clone()
    what = "repeat_kv(keys, 2), then repeat_kv(values, 2), on two (2, 2, 3, 4) tensors"
    first = call_answer(impl, (keys, 2), what)
    second = call_answer(impl, (values, 2), what)
    if isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor) and \
            not torch.equal(first, keys.repeat_interleave(2, dim=1)) and \
            torch.equal(first, second):
        same = ("both calls return the same tensor object" if first is second else
                "the two results share memory")
        raise CheckFailure(f"{what}: the first result changed into the second when the second "
                           f"call ran ({same}): every result is written into one buffer kept "
                           "between calls (a global or cached tensor filled with copy_ or "
                           "[...] =), so the keys become the values; return a new tensor on "
                           "every call, torch.repeat_interleave(kv, group_size, dim=1)")
    # A float16 overflow can leave an inf in one head: it must not spread to the others.
    kv = later[1].clone()
    kv[:, 0, 0, 0] = torch.inf
    what = ("repeat_kv on a (2, 2, 3, 4) input whose K/V head 0 holds an inf (as after a "
            "float16 overflow), group_size=2")
    out = _tensor(call_answer(impl, (kv, 2), what), what, (2, 4, 3, 4))
    want = kv.repeat_interleave(2, dim=1)
    if not torch.allclose(out, want, atol=0.0, equal_nan=True):
        nans = int((torch.isnan(out) & ~torch.isnan(want)).sum())
        raise CheckFailure(f"{what} is wrong: " + (
            f"it holds {nans} NaN values where kv has none: the heads are picked by "
            "arithmetic (a matmul or einsum with a 0/1 selection matrix, or a sum of masked "
            "copies), and 0 * inf = NaN spreads one head's inf to every head; pick them by "
            "indexing or torch.repeat_interleave(kv, group_size, dim=1), which copy the values "
            "as they are" if nans else describe_difference(out, want)))
    # Training reaches W_key and W_value through the repeated heads: the gradient must flow.
    kv = (later[3].double() / 3.0).requires_grad_(True)  # values float32 cannot hold
    what = "repeat_kv on a (2, 2, 3, 4) input that requires grad, group_size=2"
    out = call_answer(impl, (kv, 2), what, hints=[("numpy() on Tensor that requires grad", (
        "the heads went through numpy (.numpy(), np.repeat), which keeps no gradient: a "
        ".detach() would only cut the keys and values off from training (and numpy holds no "
        "bfloat16 or GPU tensors); repeat them with torch, torch.repeat_interleave(kv, "
        "group_size, dim=1)"))])
    _same_dtype(_tensor(out, what, (2, 4, 3, 4)), kv, what, impl)
    want = kv.detach().repeat_interleave(2, dim=1)
    rounded = [name for name, low in (("float32", torch.float32), ("bfloat16", torch.bfloat16),
                                      ("float16", torch.float16))
               if torch.equal(out.detach(), kv.detach().to(low).double().repeat_interleave(
                   2, dim=1))]
    assert_close(out.detach(), want, f"{what} (float64 values)", atol=0.0, hint=(
        f"every value is kv's, rounded to {rounded[0]}: the heads went through {rounded[0]} "
        "and back (kv.float() ... .to(kv.dtype)?), which loses float64 precision; repeat_kv "
        "only copies heads, so never change their dtype, not even for a round trip"
        if rounded else None))
    if not out.requires_grad:
        raise CheckFailure(f"{what}: the result carries no gradient (torch.no_grad(), "
                           ".detach() or .data): the keys and values are trained through it, "
                           "so keep it a differentiable copy, torch.repeat_interleave(kv, "
                           "group_size, dim=1)")
    weights = torch.linspace(-1.0, 1.0, out.numel(), dtype=torch.float64).reshape(out.shape)
    grad = torch.autograd.grad((out * weights).sum(), kv, allow_unused=True)[0]
    expected = (weights.reshape(2, 2, 2, 3, 4)).sum(2)  # each K/V head sums its copies
    assert_close(torch.zeros_like(kv) if grad is None else grad, expected,
                 f"the gradient of {what} with respect to kv", atol=1e-9,
                 hint="the values are right but the gradient is not: build the result from kv "
                      "with torch operations only")
    # group_size 1 (plain multi-head attention) must keep the gradient too
    what = "repeat_kv on a (2, 2, 3, 4) input that requires grad, group_size=1"
    out = call_answer(impl, (kv, 1), what, hints=[(
        "expanded size of the tensor (1) must match the existing size (2) at non-singleton "
        "dimension 1", "kv's 2 K/V heads went where group_size = 1 head fits: either "
        "kv.expand(-1, group_size, -1, -1) on the heads axis (expand only stretches an axis "
        "of size 1, so that holds for one K/V head, MQA, and nowhere else) or all of kv "
        "written into one head's slot; group_size 1 keeps all num_kv_groups heads, so a "
        "shortcut for group_size == 1 returns kv itself; or use torch.repeat_interleave(kv, "
        "group_size, dim=1) for every size")])
    if isinstance(out, torch.Tensor) and not out.requires_grad:
        raise CheckFailure(f"{what}: the result carries no gradient, while group_size=2's "
                           "did: the group_size == 1 branch cuts kv off from training "
                           "(.detach(), .data, torch.tensor(kv) or a copy under no_grad); "
                           "return kv itself there, or the same differentiable "
                           "torch.repeat_interleave(kv, group_size, dim=1) for every size")
    got = _tensor(out, what, kv.shape)
    if not torch.equal(got, kv.detach()):  # one copy of each head: kv's own values
        raise CheckFailure(f"{what}: the result differs from kv, which group_size=1 must give "
                           "back as it is (each K/V head once); "
                           + _head_order_hint(got, kv.detach(), 1))
    # Keys and values come as .view(b, T, g, d).transpose(1, 2): not contiguous, so a .view
    # that merges batch and heads fails (the contiguous calls above passed).
    kv = later[1].transpose(1, 2).contiguous().transpose(1, 2)
    what = ("repeat_kv on a non-contiguous (2, 2, 3, 4) kv (keys after .view(b, T, "
            "num_kv_groups, head_dim).transpose(1, 2)), group_size=2")
    got = call_answer(impl, (kv, 2), what, hints=[("view size is not compatible", (
        "kv is not contiguous here, as keys and values are after .transpose(1, 2), and .view "
        "cannot merge its batch and heads (kv.view(b * num_kv_groups, T, d)); the contiguous "
        "inputs before worked: use .reshape, or torch.repeat_interleave(kv, group_size, "
        "dim=1), which needs no flattening"))])
    got = _tensor(got, what, (2, 4, 3, 4))
    memory = torch.as_strided(kv, kv.shape, kv.contiguous().stride(), kv.storage_offset())
    try:  # the same values stored contiguously: right there, so the layout is the cause
        plain = torch.equal(impl(kv.contiguous(), 2), kv.repeat_interleave(2, dim=1))
    except Exception:  # noqa: BLE001 - no evidence either way
        plain = False
    assert_close(got, kv.repeat_interleave(2, dim=1), what, atol=0.0, hint=(
        "yours reads kv's memory in storage order, as if kv were contiguous (torch.as_strided "
        "with strides computed from the shape, .storage(), .data_ptr() or a numpy buffer): "
        "this kv is a transposed view, so its storage holds the values in another order; "
        "index kv itself, torch.repeat_interleave(kv, group_size, dim=1)"
        if torch.equal(got, memory.repeat_interleave(2, dim=1)) else
        "the same values stored contiguously (kv.contiguous()) give the right heads, so your "
        "code depends on kv's memory layout, not only on its values (strides, storage or a "
        "buffer read in storage order?): index kv itself, torch.repeat_interleave(kv, "
        "group_size, dim=1)" if plain else None))
    # Half-precision K/V heads stay half precision (a float32 factor would promote them).
    kv = later[0].bfloat16()
    what = "repeat_kv on a bfloat16 (2, 2, 3, 4) input, group_size=2"
    _same_dtype(_tensor(call_answer(impl, (kv, 2), what), what, (2, 4, 3, 4)), kv, what, impl)
    # float16 too: a cast for float16 alone (its overflow feared) shows only here
    kv = later[0].half()
    what = "repeat_kv on a float16 (2, 2, 3, 4) input (bfloat16 kept its dtype), group_size=2"
    _same_dtype(_tensor(call_answer(impl, (kv, 2), what), what, (2, 4, 3, 4)), kv, what, impl)
    # An empty KV cache (no tokens yet) holds no values: a -1 in a reshape cannot be inferred.
    what = "repeat_kv on a (2, 2, 0, 4) kv (no tokens yet: an empty KV cache), group_size=2"
    _tensor(call_answer(impl, (later[0][:, :, :0], 2), what, hints=[(
        "the unspecified dimension size -1 can be any value", "kv holds no values here (0 "
        "tokens), so a reshape or view with -1 cannot infer that size (any number of heads "
        "times 0 is 0): give every size, reshape(b, num_kv_groups * group_size, num_tokens, "
        "head_dim), or use torch.repeat_interleave(kv, group_size, dim=1)")]), what,
        (2, 4, 0, 4))
    # On a GPU the result must stay on kv's device: kv on the meta device (shapes only, no
    # data) shows a buffer made on the CPU (copying kv into it fails, or it comes back).
    what = "repeat_kv on a (2, 2, 3, 4) kv on the meta device (standing in for a GPU)"
    spy = mixed_device_calls(("index_select", "gather"))
    try:
        with spy:
            out = impl(later[0].to("meta"), 2)
        where = out.device.type if isinstance(out, torch.Tensor) else "meta"
    except Exception as err:  # noqa: BLE001 - only a copy out of kv's device is evidence
        where = "cpu" if "copy out of meta" in str(err) else "meta"
    if spy.seen:
        raise CheckFailure(f"{what}: your code hands torch.{spy.seen[0]} an index on the "
                           "cpu for a kv on another device; the meta device lets it pass, but "
                           "with a CUDA kv it raises 'Expected all tensors to be on the same "
                           "device': make the index on kv's device, torch.arange(..., "
                           "device=kv.device), or use torch.repeat_interleave(kv, group_size, "
                           "dim=1)")
    if where != "meta":
        raise CheckFailure(f"{what}: your code puts the repeated heads into a tensor on the "
                           f"{where}, not on kv's device: a buffer made without device= "
                           "(torch.empty/zeros(..., dtype=kv.dtype)) is always on the CPU, so "
                           "with a CUDA kv the result leaves the GPU (or the copy fails); make "
                           "it with device=kv.device (or kv.new_empty(...)), or use "
                           "torch.repeat_interleave(kv, group_size, dim=1)")
    _one_kv_head_elsewhere(impl, later[1])
    # The result must attend like the library's grouped-query attention (head order matters).
    torch.manual_seed(0)
    att = GroupedQueryAttention(24, 6, 2)
    x = torch.randn(1, 5, 24, generator=torch.Generator().manual_seed(22))
    with torch.no_grad():
        q = att.W_query(x).view(1, 5, 6, 4).transpose(1, 2)
        k = impl(att.W_key(x).view(1, 5, 2, 4).transpose(1, 2), 3)
        v = impl(att.W_value(x).view(1, 5, 2, 4).transpose(1, 2), 3)
        scores = (q @ k.transpose(2, 3) / 2.0).masked_fill(
            torch.triu(torch.ones(5, 5, dtype=torch.bool), 1), -torch.inf)
        out = att.out_proj((scores.softmax(-1) @ v).transpose(1, 2).reshape(1, 5, 24))
        assert_close(out, att(x), "grouped-query attention built on your repeat_kv", atol=1e-5)


def _one_kv_head_elsewhere(impl, kv):
    """One K/V head (multi-query attention) in bfloat16, then on the meta device: the two K/V
    head calls above keep dtype and device, so a difference here comes from a branch for one
    K/V head (a buffer torch.zeros(b, group_size, ...) made without dtype= or device=)."""
    branch = ("only with ONE K/V head (multi-query attention) is it wrong, while two K/V heads "
              "keep it: a branch for num_kv_groups == 1 makes its own tensor (torch.zeros("
              "b, group_size, ...) without dtype= and device=, or a .float()); make it like kv, "
              "kv.expand(-1, group_size, -1, -1) or kv.new_zeros(...), or drop the branch: "
              "torch.repeat_interleave(kv, group_size, dim=1) handles one head too")
    one = kv[:, :1].bfloat16()
    what = "repeat_kv on a bfloat16 (2, 1, 3, 4) kv (one K/V head), group_size=3"
    got = _tensor(call_answer(impl, (one, 3), what), what, (2, 3, 3, 4))
    if got.dtype != one.dtype:
        raise CheckFailure(f"{what} gives {got.dtype} for a bfloat16 kv: {branch}")
    assert_close(got.float(), one.float().expand(2, 3, 3, 4), what, atol=0)
    what = "repeat_kv on a (2, 1, 3, 4) kv (one K/V head) on the meta device, group_size=3"
    try:  # meta tensors hold no numbers: only a copy out of kv's device is evidence
        out = impl(kv[:, :1].to("meta"), 3)
        where = out.device.type if isinstance(out, torch.Tensor) else "meta"
    except Exception as err:  # noqa: BLE001 - only a copy out of kv's device is evidence
        where = "cpu" if "copy out of meta" in str(err) else "meta"
    if where != "meta":
        raise CheckFailure(f"{what}: the repeated heads end up in a tensor on the {where}, not "
                           f"on kv's device: {branch}")


def _same_dtype(got, kv, what, impl=None):
    if got.dtype != kv.dtype:
        follows = impl is not None and got.dtype == torch.get_default_dtype() and \
            _follows_default_dtype(impl, kv)
        why = ("your result follows torch's default dtype: with the default set to float64 "
               "the same call gives float64, so a tensor made without dtype=, which takes "
               "torch's default dtype (a torch.zeros/empty/ones buffer filled with kv's heads, "
               "or a product with it, promoted), decides the result's dtype; make it like kv, "
               "kv.new_zeros(...) or torch.zeros(..., dtype=kv.dtype, device=kv.device), or "
               "use torch.repeat_interleave(kv, group_size, dim=1)" if follows else
               "the heads were cast (.float(), .half(), .to(...)); repeat_kv only copies "
               "heads, so keep kv's dtype")
        raise CheckFailure(f"{what} gives {got.dtype} for a {kv.dtype} kv: {why}")


def _follows_default_dtype(impl, kv):
    """True when the answer's dtype on a bfloat16 ``kv`` follows torch's default dtype (a
    tensor made without dtype=), not a fixed cast."""
    probe, dtypes = kv.detach().to(torch.bfloat16), []
    default = torch.get_default_dtype()
    for dtype in (torch.float32, torch.float64):
        try:
            torch.set_default_dtype(dtype)
            out = impl(probe.clone(), 2)
            dtypes.append(out.dtype if isinstance(out, torch.Tensor) else None)
        except Exception:  # noqa: BLE001 - no evidence either way
            return False
        finally:
            torch.set_default_dtype(default)
    return dtypes == [torch.float32, torch.float64]


# --- ex4_23: top-k routing ------------------------------------------------------------------------


def _routing_reference(logits, k):
    top, experts = torch.topk(logits, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)


def _k_rule(impl, logits, n, k):
    """' (...)' saying how the number of experts picked follows k, from a second call with
    another k: a constant (k ignored) or k plus a fixed offset."""
    others = [o for o in (k + 1, 1 if k != 1 else 2) if o <= logits.shape[-1]][:2]
    picks = []
    for other in others:  # two other k: a clamp such as max(k - 1, 1) can hide the rule at k=1
        try:
            picks.append((other, impl(logits.clone(), other)[0].shape[1]))
        except Exception:  # noqa: BLE001 - no evidence either way
            return ""
    shown = " and ".join(f"with k={o} you pick {a}" for o, a in picks)
    if n == logits.shape[0] < k:  # as many as the tokens: k clamped by the wrong axis?
        try:
            more = impl(logits.repeat(k + 1, 1), k)[0].shape[1]
        except Exception:  # noqa: BLE001 - no evidence either way
            more = None
        if more == k:
            return (f" (with {logits.shape[0] * (k + 1)} tokens and the same k you pick {k}: "
                    f"k is cut to the number of TOKENS, {n}, such as min(k, "
                    "router_logits.shape[0]); the experts are the last axis, "
                    "router_logits.shape[-1], and k never exceeds them here)")
    if k == logits.shape[-1] and n == k - 1 and picks and all(a == o for o, a in picks):
        return (f" ({shown}: only k = num_experts = {k} loses one, as a clamp such as min(k, "
                "num_experts - 1) does; k may equal the number of experts, then every expert "
                "is picked)")
    if picks and all(a == n for _, a in picks):
        return f" ({shown} as well: k is ignored, {n} is hard-coded?)"
    if picks and all(a - o == n - k for o, a in picks):
        return f" ({shown}: always k {n - k:+d}, an off-by-one somewhere)"
    if picks and picks[0][0] == k + 1 and picks[0][1] - k - 1 == n - k:
        return (f" ({shown}: k {n - k:+d} for k={k} and k={k + 1}, an off-by-one somewhere, "
                "clamped at the edge)")
    return f" ({shown})" if picks else ""


_ROUTED = []  # the scores handed to route_tokens in one check, alive until the next check


def _keeping_scores(impl):
    """``impl``, keeping every scores tensor it is given alive for the rest of the check: a
    result cached by id(router_logits) or data_ptr() then never meets a freed tensor's id or
    memory again by chance, and such a cache shows only where the check means it to (one
    tensor changed in place), with its own cause."""
    @functools.wraps(impl)
    def route_tokens(*args, **kwargs):
        _ROUTED.append((args, kwargs))
        return impl(*args, **kwargs)
    return route_tokens


@one_thread
def check_top_k_routing(impl):
    _ROUTED.clear()
    impl = _keeping_scores(impl)
    gen = torch.Generator().manual_seed(23)
    # shift 100: scores near 100; shift -80: expert 0 near +80 and the others near -80 (k =
    # num_experts, so that a full softmax, whose small probabilities underflow to 0, still
    # picks the right experts)
    sizes = [(5, 4, 2, 0), (7, 6, 3, 0), (3, 8, 1, 0), (4, 5, 2, 100), (1, 5, 2, 0), (2, 3, 3, 0),
             (3, 3, 3, -80)]
    cases = [(f"case {i + 1} of {len(sizes)}", lambda answer, size=size: _routing_case(
        answer, *size, gen)) for i, size in enumerate(sizes)]
    cases += [("a second call with 5 tokens, 4 experts and k=2 (the first case's sizes) but "
               "other scores", _routing_again), ("tied scores", _tied_scores),
              ("tokens whose scores lie far apart", lambda answer: _routing_case(
                  answer, 5, 6, 2, 0, gen, levels=[40.0, -200.0, 0.0, -90.0, 30_000.0])),
              ("the gradient", _routing_grad),
              ("bfloat16 and float16 scores", _half_scores),
              ("no tokens, then scores on the meta device", _routing_elsewhere),
              ("one score tensor routed, changed in place, and routed again", _routing_reused),
              ("scores far below zero", lambda answer: _routing_case(answer, 4, 5, 2, -20_000,
                                                                      gen)),
              ("scores over 160 experts", _many_experts),
              ("near-equal scores over 1,024 experts", lambda answer: _routing_case(
                  answer, 4, 1024, 2, 0.1, gen)),
              ("the arguments passed by name", _routing_by_name),
              ("one expert per token (k=1) on float64 scores, then on the meta device",
               _one_expert_elsewhere),
              ("every expert (k = num_experts) on the meta device", _all_experts_elsewhere)]
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(impl, cases))
    # the same routing as the library's MoE layer, end to end
    cfg = {"emb_dim": 8, "moe_intermediate_size": 12, "num_experts": 4, "num_experts_per_tok": 2}
    torch.manual_seed(1)
    layer = MoEFeedForward(cfg)
    x = torch.randn(1, 6, 8, generator=gen)
    with torch.no_grad():
        experts, weights = impl(layer.gate(x[0]), 2)
        out = torch.zeros(6, 8)
        for t in range(6):
            for slot in range(2):
                e = int(experts[t, slot])
                h = torch.nn.functional.silu(layer.fc1[e](x[0, t])) * layer.fc2[e](x[0, t])
                out[t] += weights[t, slot] * layer.fc3[e](h)
        assert_close(out, layer(x)[0], "an MoE layer mixing experts with your routing", atol=1e-5)


_MIN_MAX = ("the k chosen scores are rescaled to [0, 1] before the softmax (minus their "
            "smallest, divided by their range: a min-max normalisation), so the weights keep "
            "only the scores' order, not their gaps: take the softmax of the raw chosen "
            "scores, torch.softmax(top_scores, dim=-1)")


def _min_max_again(impl):
    """Whether yours at k = 3 (where min-max scaled scores still depend on the scores) is the
    softmax of each token's chosen scores min-max scaled: one k = 2 case cannot tell that
    from weights fixed by rank."""
    logits = torch.randn(4, 6, generator=torch.Generator().manual_seed(45)) * 2
    experts, weights = impl(logits.clone(), 3)
    chosen = torch.gather(logits, 1, experts)
    low, high = chosen.min(-1, keepdim=True).values, chosen.max(-1, keepdim=True).values
    return bool(torch.allclose(weights, torch.softmax((chosen - low) / (high - low), -1),
                               atol=1e-5))


def _routing_by_name(impl):
    """route_tokens(router_logits=..., k=2): the parameters under their own names."""
    logits = torch.randn(3, 5, generator=torch.Generator().manual_seed(46))
    what = "route_tokens(router_logits=scores, k=2) on 3 tokens, 5 experts (passed by name)"
    result = call_by_name(impl, what, "def route_tokens(router_logits, k)",
                             router_logits=logits.clone(), k=2)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise CheckFailure(f"{what} must return (experts, weights), got {type(result)}")
    experts, weights = (_tensor(r, f"{what}: {name}", (3, 2))
                        for r, name in zip(result, ("experts", "weights")))
    want_e, want_w = _routing_reference(logits, 2)
    order, want_order = experts.argsort(-1), want_e.argsort(-1)
    if not torch.equal(experts.gather(1, order), want_e.gather(1, want_order)):
        raise CheckFailure(f"{what}: chose experts {experts.tolist()}, expected "
                           f"{want_e.tolist()} (in any order)")
    assert_close(weights.gather(1, order), want_w.gather(1, want_order), f"{what}: weights",
                 atol=1e-5)


def _routing_case(impl, tokens, num_experts, k, shift, gen, levels=None):
    """One case of check_top_k_routing: route ``tokens`` scores over ``num_experts`` to k,
    the scores near ``shift`` when it is not 0, or token t's near ``levels[t]`` when given."""
    if levels is not None:  # tokens far apart: a softmax shifted by one max over all tokens
        # leaves the lower tokens' exp(score - max) at 0 (underflow), so 0 / 0 = NaN
        logits = torch.randn(tokens, num_experts,
                             generator=torch.Generator().manual_seed(48)) * 2
        logits += torch.tensor(levels, dtype=logits.dtype)[:, None]
    elif tokens == 1:  # one token: a batch-of-one habit (.squeeze()) drops the token axis
        logits = torch.randn(1, num_experts, generator=torch.Generator().manual_seed(25))
    elif shift < -1000:  # scores near -20,000: a mask with a finite fill value wins there
        logits = torch.randn(tokens, num_experts,
                             generator=torch.Generator().manual_seed(29)) * 3 + shift
    elif shift < 0:  # k scores 160 apart: exp(max - their mean) overflows float32
        logits = torch.randn(tokens, num_experts, generator=torch.Generator().manual_seed(28))
        logits[:, 0] -= 2 * shift
        logits += shift
    elif 0 < shift < 1:  # near-equal scores (spread ``shift``) over many experts: the k
        # chosen hold only about k / num_experts of a softmax over all, so a small epsilon in a
        # renormalisation of those probabilities shows
        logits = torch.randn(tokens, num_experts,
                             generator=torch.Generator().manual_seed(47)) * shift
    elif shift:  # scores near 100: exp(score) overflows float32, a stable softmax does not
        logits = torch.randn(tokens, num_experts,
                             generator=torch.Generator().manual_seed(24)) * 3 + shift
    else:
        logits = torch.randn(tokens, num_experts, generator=gen) * 2
        if k == num_experts:  # the seeded draw has each row sorted already: mix the order,
            logits = logits.roll(1, -1)  # so that experts in index order differ from top-k's
    what = (f"route_tokens on {tokens} tokens, {num_experts} experts, k={k}"
            + (f", token t's scores near {levels}[t] (tokens far apart)" if levels
               else f", scores near {shift:,}" if shift < -1000 else
               f", scores near {-shift} (expert 0) and {shift} (the others)" if shift < 0
               else f", near-equal scores (standard deviation {shift})" if 0 < shift < 1
               else f", scores near {shift}" if shift else ""))
    scores = logits.clone()
    result = call_answer(impl, (scores, k), what, hints=[
        (f"size of tensor a ({k}) must match the size of tensor b ({tokens})",
         f"a (num_tokens,) = ({tokens},) tensor met the (num_tokens, k) = ({tokens}, {k}) "
         "weights: a sum over each token's k weights lost its last dimension (.sum(dim=-1) "
         "without keepdim), so it lines up with the k axis instead of the tokens; keep it, "
         ".sum(dim=-1, keepdim=True), or use torch.softmax(top_scores, dim=-1)"),
        (f"but got {k})", f"the dimension asked for is {k}, the value of k: torch.topk "
         "takes (input, k, dim), k before dim; pass dim by name, torch.topk(router_logits, "
         "k, dim=-1)")])
    if not (isinstance(result, tuple) and len(result) == 2):
        raise CheckFailure(f"{what} must return (experts, weights), got {type(result)}")
    if all(isinstance(r, torch.Tensor) for r in result) and \
            result[0].is_floating_point() and not result[1].is_floating_point():
        top_scores = torch.topk(logits, k, dim=-1).values
        first = result[0].detach()
        if first.shape != top_scores.shape:
            which = ""
        elif torch.allclose(first.double(), torch.softmax(top_scores.double(), -1),
                            atol=1e-5):
            which = ": the first holds the weights, so you returned (weights, experts)"
        elif torch.allclose(first.double(), top_scores.double(), atol=1e-6):
            which = (": the first holds the k raw SCORES (torch.topk's values), with no "
                     "softmax taken; return the softmax of those scores, second")
        else:
            which = ""
        raise CheckFailure(f"{what}: the first value is {result[0].dtype} and the second "
                           f"{result[1].dtype}{which}; return (experts, weights), the "
                           "integer indices first")
    if isinstance(result[0], torch.Tensor) and tuple(result[0].shape) == (k, num_experts) \
            and num_experts != tokens and torch.equal(
                result[0], torch.argsort(logits, dim=-1, descending=True)[:k]):
        raise CheckFailure(f"{what}: experts has shape {tuple(result[0].shape)}, expected "
                           f"{(tokens, k)}: these are the first k ROWS of the sorted "
                           "indices ([:k], k tokens with all their experts); keep each "
                           "token's first k columns, argsort(..., descending=True)[:, :k], "
                           "or torch.topk(..., k, dim=-1)")
    if isinstance(result[0], torch.Tensor) and tuple(result[0].shape) == (k, tokens) \
            and k != tokens and num_experts != tokens:
        raise CheckFailure(f"{what}: experts has shape {tuple(result[0].shape)}, expected "
                           f"{(tokens, k)}: (k, num_tokens), transposed (a .T or "
                           "transpose too many?); return one row per token")
    if isinstance(result[0], torch.Tensor) and tuple(result[0].shape) == (num_experts, k) \
            and num_experts < tokens and torch.equal(result[0].sort(-1).values, torch.topk(
                logits[:num_experts], k, dim=-1).indices.sort(-1).values):
        raise CheckFailure(f"{what}: experts has shape {tuple(result[0].shape)}, expected "
                           f"{(tokens, k)}: one row per EXPERT, and they are the right "
                           f"picks of the first {num_experts} tokens: a loop over "
                           "range(num_experts) (router_logits.shape[1]) where the tokens, "
                           "range(router_logits.shape[0]), were meant; route every token, "
                           "or use torch.topk(router_logits, k, dim=-1)")
    if isinstance(result[0], torch.Tensor) and tuple(result[0].shape) in (
            (k, num_experts), (num_experts, k)) and num_experts != tokens:
        raise CheckFailure(f"{what}: experts has shape {tuple(result[0].shape)}, expected "
                           f"{(tokens, k)}: you took the top k over dim 0 (the tokens); "
                           "take each token's top k experts, torch.topk(..., dim=-1)")
    if isinstance(result[0], torch.Tensor) and result[0].dim() == 2 and \
            result[0].shape[0] == tokens and result[0].shape[1] != k:
        n = result[0].shape[1]
        why = _k_rule(impl, logits, n, k)
        raise CheckFailure(f"{what}: you picked {n} experts per token; k is {k}{why}: use "
                           "the k argument as it is, torch.topk(..., k, dim=-1)")
    for name, value in zip(("experts", "weights"), result):
        if tokens == 1 and isinstance(value, torch.Tensor) and tuple(value.shape) == (k,):
            raise CheckFailure(f"{what}: {name} has shape ({k},), expected {(1, k)}: with "
                               "one token the token axis is gone (a .squeeze() of the "
                               "(1, num_experts) scores, or [0], drops it); keep "
                               "(num_tokens, k) for every number of tokens, torch.topk("
                               "router_logits, k, dim=-1) as it is")
        if k == 1 and isinstance(value, torch.Tensor) and tuple(value.shape) == (tokens,):
            raise CheckFailure(f"{what}: {name} has shape ({tokens},), expected "
                               f"{(tokens, k)}: with k=1 the k axis is gone (a .squeeze(), "
                               "which drops every dimension of size 1, or a k == 1 branch "
                               "with argmax or ones without keepdim); keep (num_tokens, k) "
                               "for every k, the shape torch.topk gives")
    experts = _tensor(result[0], f"{what}: experts", (tokens, k))
    if isinstance(result[1], torch.Tensor) and tuple(result[1].shape) == (tokens, tokens, k) \
            and tokens != k:
        raise CheckFailure(f"{what}: weights has shape {tuple(result[1].shape)}, expected "
                           f"{(tokens, k)}: the chosen scores were picked with "
                           "router_logits[:, experts], which gives every token the columns "
                           "of ALL tokens' experts; take each token's own, torch.gather("
                           "router_logits, -1, experts), or torch.topk's values")
    if isinstance(result[1], torch.Tensor) and k != num_experts and \
            tuple(result[1].shape) == (tokens, num_experts):
        full = torch.allclose(result[1].double(), torch.softmax(logits.double(), -1),
                              atol=1e-5)
        raise CheckFailure(f"{what}: weights has shape {tuple(result[1].shape)}, expected "
                           f"{(tokens, k)}: " + (
                               "these are the softmax over ALL experts' scores; take the "
                               "softmax over each token's k chosen scores only, "
                               "torch.softmax(top_scores, dim=-1)" if full else
                               "you return a weight for every expert; return one per chosen "
                               "expert, in the order of experts"))
    if experts.is_floating_point() or experts.dtype == torch.bool:
        top_scores = torch.topk(logits, k, dim=-1).values
        unpacked = experts.dtype == logits.dtype and torch.allclose(
            experts, top_scores, atol=1e-6)
        raise CheckFailure(f"{what}: experts are {experts.dtype}" + (
            ", and they equal each token's k highest SCORES: torch.topk returns (values, "
            "indices), values first, so unpack it as top_scores, experts = torch.topk(...)"
            if unpacked else "; return integer indices (torch.topk's indices, int64), "
            "which can index the experts"))
    if experts.dtype != torch.long:
        raise CheckFailure(f"{what}: experts are {experts.dtype}; return torch.topk's "
                           "indices as they are, int64 (no .int() or .to(...)): gather, "
                           "scatter and index_add take int64 indices")
    weights = _tensor(result[1], f"{what}: weights", (tokens, k))
    if weights.dtype != logits.dtype:
        raise CheckFailure(f"{what}: the weights are {weights.dtype} for {logits.dtype} "
                           "scores; keep the scores' dtype (torch.softmax of the chosen "
                           "scores as they are, no .double(), .half() or dtype= argument)"
                           + (": integer weights cannot mix experts"
                              if not weights.is_floating_point() else ""))
    want_e, want_w = _routing_reference(logits, k)
    if bool((experts < 0).any()) or bool((experts >= num_experts).any()):
        shift = next((o for o in (1, -1) if torch.equal(
            (experts - o).sort(-1).values, want_e.sort(-1).values)), None)
        raise CheckFailure(
            f"{what}: chose experts {experts.tolist()}, expected {want_e.tolist()} (in any "
            f"order): the ids run from {int(experts.min())} to {int(experts.max())}, but "
            f"the {num_experts} experts are numbered 0 .. {num_experts - 1}" + (
                f"; yours are the right ones {shift:+d}: the ids are counted from "
                f"{shift} (experts {'+' if shift > 0 else '-'} 1); return torch.topk's "
                "indices as they are, counted from 0" if shift else
                ": return each token's top-k column indices, torch.topk(router_logits, "
                "k, dim=-1).indices"))
    if not torch.equal(experts.sort(-1).values, want_e.sort(-1).values):
        hint = (_ranking_rule(impl, experts, logits, k)
                or _repeated_expert(experts) or _half_ranks(impl, experts, logits, k)
                or _global_underflow(impl, experts, logits, k)
                or _clamped_ranks(experts, logits, k)
                or _tokens_alone(impl, logits, k, experts)
                or _drawn_at_random(impl, logits, k)
                or _expert_ranks(experts, logits, want_e, impl))
        raise CheckFailure(f"{what}: chose experts {experts.tolist()}, expected "
                           f"{want_e.tolist()} (in any order).{hint}")
    order = torch.argsort(experts, dim=-1)  # compare weights expert by expert
    got_w = torch.gather(weights, 1, order)
    ref_w = torch.gather(want_w, 1, torch.argsort(want_e, dim=-1))
    probs = torch.softmax(logits, dim=-1)
    mistakes = {
        "the weights are the full softmax's top-k probabilities and do not sum to 1: take "
        "the softmax over the k chosen scores only": torch.gather(probs, 1, want_e),
        "the weights are the raw scores: turn the k chosen scores into weights with a "
        "softmax": torch.gather(logits, 1, want_e),
        "the weights are the softmax of the first k columns, router_logits[:, :k], the "
        "scores of experts 0 .. k - 1 whichever were chosen: take the chosen experts' "
        "scores, torch.topk's values or router_logits.gather(-1, experts)":
            torch.softmax(logits[:, :k], dim=-1),
        "the weights are sigmoids of the chosen scores; take a softmax over the k chosen "
        "scores, so that they sum to 1": torch.sigmoid(torch.gather(logits, 1, want_e)),
        "the softmax runs over the SIGMOIDS of the k chosen scores (torch.sigmoid applied to "
        "the scores first, DeepSeek-style affinities, then a softmax): take the softmax of the "
        "raw scores, torch.softmax(top_scores, dim=-1)":
            torch.softmax(torch.sigmoid(torch.gather(logits, 1, want_e)), dim=-1),
        **{f"the softmax runs over the chosen scores squashed by {name} first, so gaps "
           "above about 1 are lost and the weights come out flatter: take the softmax of the "
           "raw chosen scores, torch.softmax(top_scores, dim=-1)": torch.softmax(
               f(torch.gather(logits, 1, want_e)), dim=-1)
           for name, f in (("tanh", torch.tanh),
                           ("softsign (x / (1 + |x|))", torch.nn.functional.softsign))},
        "the weights are sigmoids normalised to sum 1 (as DeepSeek-V3 does); Qwen3 takes a "
        "softmax over the k chosen scores": torch.sigmoid(torch.gather(logits, 1, want_e))
        / torch.sigmoid(torch.gather(logits, 1, want_e)).sum(-1, keepdim=True),
        "the softmax is taken twice: the k chosen PROBABILITIES (after a softmax over all "
        "experts) went through a second softmax; either renormalise them (divide by their "
        "sum) or take one softmax over the k chosen raw scores":
            torch.softmax(torch.gather(probs, 1, want_e), dim=-1),
        "the weights are log-probabilities (log_softmax); take torch.softmax over the k "
        "chosen scores, so that they sum to 1":
            torch.log_softmax(torch.gather(logits, 1, want_e), dim=-1),
        "the softmax's sum runs over the whole (num_tokens, k) tensor (.sum() without "
        "dim), so all tokens' weights together sum to 1: sum each token's own, "
        ".sum(dim=-1, keepdim=True), or torch.softmax(top_scores, dim=-1)":
            torch.gather(logits, 1, want_e).exp()
            / torch.gather(logits, 1, want_e).exp().sum(),
        "the k chosen probabilities (softmax over all experts) are divided by their total "
        "over ALL tokens (.sum() without dim), so each token's weights sum to less than 1: "
        "divide by each token's own sum, .sum(dim=-1, keepdim=True)":
            torch.gather(probs, 1, want_e) / torch.gather(probs, 1, want_e).sum(),
        "the k chosen probabilities (softmax over all experts) are divided by their sums "
        "over the tokens, column by column (.sum(dim=0)): divide by each token's own sum, "
        ".sum(dim=-1, keepdim=True)": torch.gather(probs, 1, want_e)
            / torch.gather(probs, 1, want_e).sum(0, keepdim=True),
        "the softmax runs over dim 0 (the tokens); take it over each token's k chosen "
        "scores, dim=-1": torch.softmax(torch.gather(logits, 1, want_e), dim=0),
        "the softmax ran in float16 (.half()) and was cast back: its rounding (about 1e-4 "
        "here) shows; compute it in the scores' own dtype":
            torch.softmax(torch.gather(logits, 1, want_e).half(), dim=-1).float(),
        "the softmax ran in bfloat16 and was cast back: its rounding (about 1e-3 here) "
        "shows; compute it in the scores' own dtype":
            torch.softmax(torch.gather(logits, 1, want_e).bfloat16(), dim=-1).float(),
        "the weights are the k chosen scores minus the token's lowest score, divided by "
        "their sum (a linear normalisation): take a softmax over the k chosen scores, "
        "torch.softmax(top_scores, dim=-1)": (torch.gather(logits, 1, want_e) - logits.min(
            -1, keepdim=True).values) / (torch.gather(logits, 1, want_e) - logits.min(
                -1, keepdim=True).values).sum(-1, keepdim=True),
        "the weights are the k chosen scores divided by their sum; scores can be negative "
        "and are not probabilities: take a softmax over the k chosen scores":
            torch.gather(logits, 1, want_e)
            / torch.gather(logits, 1, want_e).sum(-1, keepdim=True),
    }
    chosen = torch.gather(logits, 1, want_e)  # a hand-written softmax's shift per slot:
    shifted = (chosen - chosen.max(0, keepdim=True).values).exp()
    flat = torch.gather(torch.log_softmax(logits.flatten(), 0).view_as(logits), 1, want_e)
    if not torch.allclose(torch.softmax(flat, -1), want_w, atol=1e-5):  # tokens far apart
        far = float(logits.max() - logits.max(-1).values.min())
        mistakes["the softmax runs over log-probabilities taken over all tokens' scores at "
                 "once (log_softmax of the flattened scores): each score minus one shared "
                 "log-sum-exp is rounded in float32 to steps of about "
                 f"{far * 2 ** -23:.1g} for a token {far:,.0f} below the highest score, and "
                 "its weights show that rounding: take the softmax of each token's own "
                 "chosen scores, torch.softmax(top_scores, dim=-1)"] = torch.softmax(flat, -1)
    mistakes["the hand-written softmax subtracts the max over dim 0 (each slot's max over "
             "the TOKENS), so a token's k scores are shifted by different amounts: "
             "subtract each token's own max, top_scores.max(dim=-1, keepdim=True), or use "
             "torch.softmax(top_scores, dim=-1)"] = shifted / shifted.sum(-1, keepdim=True)
    if k > 1:  # the k scores min-max scaled: at k = 2 every token gets softmax([1, 0])
        low, high = chosen.min(-1, keepdim=True).values, chosen.max(-1, keepdim=True).values
        mistakes[_MIN_MAX] = torch.softmax((chosen - low) / (high - low), dim=-1)
    zeroed = torch.zeros_like(logits).scatter(1, want_e, torch.gather(logits, 1, want_e))
    mistakes["the experts outside the top k were masked with 0, not -inf, before a softmax "
             "over all experts, so each still takes exp(0) of the sum: mask with "
             "float('-inf'), or take torch.softmax over the k chosen scores only"] = (
        torch.gather(torch.softmax(zeroed, dim=-1), 1, want_e))
    for fill in (-1e4, -65504.0, -1e5):  # a finite mask matters only near the scores
        if bool((logits.max(-1).values < fill + 100).any()):
            filled = torch.full_like(logits, fill).scatter(1, want_e, chosen)
            mistakes[f"the experts outside the top k were masked with {fill:g}, not -inf, "
                     "before a softmax over all experts: these scores lie below it (near "
                     f"{float(logits.mean()):,.0f}), so the masked experts take the weight; "
                     "mask with float('-inf'), or take torch.softmax over the k chosen "
                     "scores only"] = torch.gather(torch.softmax(filled, dim=-1), 1, want_e)
    if int(want_e.max()) < tokens:  # expert numbers read as token rows: gather on dim 0
        mistakes["the chosen scores are gathered along dim 0 (router_logits.gather(0, "
                 "experts)), which reads expert e's number as a TOKEN row: gather along the "
                 "experts, router_logits.gather(-1, experts), or use torch.topk's values"] = (
            torch.softmax(torch.gather(logits, 0, want_e), dim=-1))
    chosen_p = torch.gather(probs, 1, want_e).double()  # renormalised with an epsilon:
    total = chosen_p.sum(-1, keepdim=True)  # the epsilon each token's sum implies, replayed
    implied = total * (1 / weights.double().sum(-1, keepdim=True) - 1)
    eps = float(implied.median()) if bool(torch.isfinite(implied).all()) else 0.0
    if eps > 1e-12:
        mistakes[f"the k chosen probabilities (a softmax over all experts) are divided by "
                 f"their sum plus about {eps:.2g} (an epsilon guarding the division): with "
                 f"{num_experts} near-equal experts each token's chosen probabilities sum to "
                 f"only {float(total.min()):.3g} .. {float(total.max()):.3g}, so the epsilon "
                 f"takes about {eps / float(total.mean()):.2g} of every weight and the weights "
                 "no longer sum to 1: divide by the sum alone (it is never 0), or take "
                 "torch.softmax over the k chosen scores"] = (chosen_p / (total + eps)).to(
                     weights.dtype)
    mistakes = {c: torch.gather(m, 1, torch.argsort(want_e, dim=-1))
                for c, m in mistakes.items()}
    if not torch.isfinite(weights).all():
        spread = float((chosen.max(-1).values - chosen.min(-1).values).max())
        bad = ~torch.isfinite(weights).all(-1)  # the tokens whose weights are NaN or inf
        replays = [(chosen - top).exp() for top in (chosen.max(), chosen.max(0).values)]
        if bool(bad.any()) and bool(torch.isfinite(weights[~bad]).all()) and any(
                torch.equal(bad, ~torch.isfinite(r / r.sum(-1, keepdim=True)).all(-1))
                for r in replays):
            low = [t for t in range(tokens) if bool(bad[t])]
            raise CheckFailure(
                f"{what}: the weights of tokens {low} are NaN: the softmax, or the max "
                "it subtracts, is taken over all tokens' scores at once (a softmax of the "
                "flattened scores, .max() without dim, or dim=0) instead of each token's "
                "own scores, and these tokens' scores lie more than 100 below that max (the "
                f"highest score is {float(logits.max()):.0f}), so every exp(score - max) of "
                "theirs underflows to 0 and 0 / 0 = NaN: subtract each token's own max, "
                "top_scores.max(dim=-1, keepdim=True).values, or use torch.softmax("
                "top_scores, dim=-1)")
        raise CheckFailure(f"{what}: the weights contain NaN or inf: exp(score) overflows "
                           "float32 above about 88; " + (
                               f"the scores themselves stay below 88 here, but a token's k "
                               f"scores lie up to {spread:.0f} apart, so a shift by less than "
                               "the token's max (the mean of its scores, the first column of "
                               "unsorted scores, a fixed value) leaves exp(score - shift) "
                               "above 88: subtract each token's max" if float(
                                   logits.abs().max()) < 88 else
                               "use torch.softmax, which subtracts each row's maximum first"))
    if not torch.allclose(got_w, ref_w, atol=1e-5) and torch.allclose(
            weights.sort(-1).values, want_w.sort(-1).values, atol=1e-5):
        raise CheckFailure(f"{what}: the weights are right but do not line up with the "
                           "experts: weights[t, j] must belong to experts[t, j] (if you "
                           "reorder the experts, reorder the weights alike)")
    sums = got_w.sum(-1)
    try:  # a second call with the same scores: routing must not draw random numbers
        again = None if torch.allclose(got_w, ref_w, atol=1e-5) else impl(logits.clone(), k)
        drawn = again is not None and not (torch.equal(again[0], result[0])
                                           and torch.equal(again[1].detach(), weights))
    except Exception:  # noqa: BLE001 - no evidence either way
        drawn = False
    if drawn:
        raise CheckFailure(f"{what}: two calls with the same scores give different "
                           "results: route_tokens draws random numbers (noise added to the "
                           "scores, as in noisy top-k gating?); route by the scores as "
                           "they are, torch.topk(router_logits, k, dim=-1)")
    def fallback_hint():  # built only when the weights differ: it calls the answer again
        temp = _temperature(got_w, logits, want_e)
        named = _temperature_names(temp, k, num_experts)
        if temp:  # k = 2 and sqrt(4 experts) agree, or a constant: ask with k=3, 16 experts
            probe = torch.randn(6, 16, generator=torch.Generator().manual_seed(26)) * 2
            try:
                pe, pw = impl(probe.clone(), 3)
                order = torch.argsort(pe, dim=-1)
                t2 = _temperature(torch.gather(pw.detach(), 1, order), probe,
                                  torch.sort(pe, -1).values)
            except Exception:  # noqa: BLE001 - no evidence either way
                t2 = None
            again = _temperature_names(t2, 3, 16)
            named = {key: why for key, why in named.items() if key in again} if t2 else named
            if t2 and abs(t2 - temp) < 1e-3 * temp:
                named = {"fixed": f"a constant written in the code (the same {temp:.4g} with "
                                  "k=3 and 16 experts)"}
        named = " or ".join(named.values())
        times = sums[0].item()
        top_sorted = torch.gather(logits, 1, torch.sort(want_e, dim=-1).values).double()
        extra = (1 / sums.double() - 1) * top_sorted.exp().sum(-1)  # what else the sum holds
        scaled = torch.allclose(got_w.double() / sums[:, None].double(), ref_w.double(),
                                atol=1e-5)
        top_one = torch.allclose(weights.max(-1).values, torch.ones_like(sums), atol=1e-6)
        ratio = got_w.double().clamp_min(1e-300).log() / ref_w.double().log()
        power = float(ratio.mean()) if bool(torch.isfinite(ratio).all()) and torch.allclose(
            ratio, ratio.mean().expand_as(ratio), atol=1e-4) and abs(float(ratio.mean()) - 1) > \
            1e-3 else None
        relation = describe_difference(got_w, ref_w).removeprefix("What differs: ").rstrip(".")
        shifted = (top_sorted - top_sorted.max(-1, keepdim=True).values).exp().sum(-1)
        added = (1 / sums.double() - 1) * shifted  # with the max subtracted first
        const_added = bool(torch.allclose(added, added[:1].expand_as(added), rtol=1e-3)) and \
            float(added[0]) > 1e-6
        zeroed = (got_w == 0) & (ref_w != 0)
        if bool(zeroed.any()) and torch.allclose(got_w[~zeroed], ref_w[~zeroed], atol=1e-5):
            signs = top_sorted[zeroed]
            shown = [round(float(v), 3) for v in signs]
            zeroed_hint = (
                f"your weights are 0 at {int(zeroed.sum())} of the {zeroed.numel()} slots and "
                "right everywhere else" + (
                    f"; the chosen scores there are all negative ({shown})"
                    " and every other chosen score is positive: the weights were zeroed by the "
                    "score's sign (a mask such as top_scores > 0, or a ReLU)"
                    if bool((signs < 0).all()) and bool((top_sorted[~zeroed] > 0).all()) else
                    ": some chosen experts lost their weight (masked, or overwritten)")
                + "; keep the softmax over the k chosen scores as it is")
        else:
            zeroed_hint = ""
        denominator = "" if not scaled or torch.allclose(
            sums, torch.ones_like(sums), atol=1e-4) else (
            "; yours is the right weights times one factor per token, and your largest weight "
            "is exactly 1 in every token: the k weights are divided by their MAX, not their "
            "sum" if top_one else
            "; yours is proportional to the right weights in every token, and each "
            "denominator holds exactly exp(0) = 1 more than the sum of exp(chosen scores): a "
            "zero score (a 'no expert' slot, or a padding 0 concatenated to the scores) joined "
            "the softmax" if torch.allclose(extra, torch.ones_like(extra), atol=1e-4) else
            "; yours is proportional to the right weights in every token, and each "
            "denominator holds exactly exp(the (k+1)-th highest score) more than the sum of "
            "exp(chosen scores): the softmax ran over the top k + 1 scores (topk with k + 1, "
            "then the first k kept); take it over the k chosen only" if k < num_experts and
            torch.allclose(extra, torch.topk(logits, k + 1, dim=-1).values[:, k].double().exp(),
                           rtol=1e-4) else
            "; yours is the right weights divided by their L2 norm, the root of the sum of "
            "squares (each token's squared weights sum to 1): F.normalize, whose default is "
            "p=2, or a division by .norm(dim=-1); divide by the plain sum, p=1" if
            torch.allclose(got_w.double().pow(2).sum(-1), torch.ones_like(sums).double(),
                           atol=1e-5) else
            f"; yours is proportional to the right weights in every token, and each "
            f"denominator holds {float(added[0]):.4g} more than the sum of exp(chosen score - the "
            "token's max): a constant added to the softmax's sum (an epsilon such as sum + "
            f"{float(added[0]):.4g}?); torch.softmax needs none" if const_added else
            f"; yours is the right weights times one factor per token ({float(sums.min()):.4g}"
            f" .. {float(sums.max()):.4g}): only the normalisation differs, the ratios between "
            "a token's weights are right")
        fixed_rows = bool(torch.allclose(weights.sort(-1).values,
                                         weights.sort(-1).values[:1].expand_as(weights),
                                         atol=1e-6)) and tokens > 1
        row0 = [round(v, 4) for v in weights[0].sort().values.tolist()]
        same = (f"your weights are the same in every token ({row0}, sorted), whatever the "
                "scores: they do not depend on "
                "the chosen scores (uniform 1 / k, or fixed by rank?); take a softmax over "
                "each token's k chosen scores, torch.softmax(top_scores, dim=-1)")
        fallback = (f"your weights are the right ones multiplied by {times:.4g} in every token"
                    + (f" (= k = {k})" if abs(times - k) < 1e-4 * k else "")
                    + ": return the softmax over the k chosen scores as it is, summing to 1"
                    if torch.allclose(got_w, ref_w * sums[:, None], atol=1e-5) and
                    torch.allclose(sums, sums[0].expand_as(sums), atol=1e-4) and
                    abs(times - 1) > 1e-4 else
                    f"your weights sum to {sums.min():.4g} .. {sums.max():.4g} per token, not 1"
                    + ("" if const_added else
                       ": below 1 in every token, as when part of each softmax went to "
                       "experts outside the k chosen (a denominator over all experts, or the "
                       "others masked with a finite value instead of -inf)"
                       if bool((sums < 1).all()) and scaled
                       else ": above 1 in every token, so they are no distribution over the "
                       "k chosen (a denominator over fewer scores, or an extra factor)"
                       if bool((sums > 1).all()) and not top_one and scaled
                       else f": each is the right weight to the power {power:.3g} (a power "
                       "or a sharpening step after the softmax?)" if power
                       else f", and not in proportion to the right ones ({relation})"
                       if relation else "")
                    + denominator
                    + f"; token 0's are {[round(v, 4) for v in got_w[0].tolist()]}, expected "
                    f"{[round(v, 4) for v in ref_w[0].tolist()]} (experts in index order): "
                    "take a softmax over the k chosen scores, which sums to 1"
                    if not torch.allclose(sums, torch.ones_like(sums), atol=1e-4) else
                    f"your weights are a softmax of the chosen scores divided by {temp:.4g} (a "
                    f"temperature) in every token" + (f", and {temp:.4g} is {named}" if named
                                                      else "") +
                    ": take torch.softmax(top_scores, dim=-1) of the scores as they are"
                    if temp else same if fixed_rows else
                    _row_temperature(got_w, logits, want_e) or _weights_contrast(
                        got_w, ref_w, torch.gather(torch.gather(logits, 1, want_e), 1,
                                                   torch.argsort(want_e, dim=-1)),
                        torch.sort(want_e, dim=-1).values))
        return zeroed_hint or fallback

    assert_close(got_w, ref_w, f"{what}: weights", atol=1e-5,
                 hint=lambda: _likely(got_w, mistakes, confirm=lambda c: c != _MIN_MAX or
                                      _min_max_again(impl)) or fallback_hint())
    if not torch.equal(scores, logits):
        shifted = scores.shape == logits.shape and any(torch.allclose(
            scores, logits - top, atol=1e-5) for top in (logits.max(-1, keepdim=True).values,
                                                         logits.max()))
        how = ("the caller's scores now equal router_logits minus their max: the max was "
               "subtracted in place (router_logits -= ..., sub_), a softmax's stability shift "
               "written into the caller's tensor; shift a new tensor, router_logits - "
               "router_logits.max(dim=-1, keepdim=True).values, or use torch.softmax"
               if shifted else "router_logits[...] = -inf, masked_fill_(...)): the caller's "
               "scores must stay as they were; mask a copy, router_logits.clone(), or use "
               "torch.topk")
        raise CheckFailure(f"{what} changed router_logits in place ({how}"
                           + (")" if shifted else ""))


def _routing_again(impl):
    """Route new scores of an earlier case's sizes: a result kept by shape or k shows here."""
    logits = torch.randn(5, 4, generator=torch.Generator().manual_seed(27)) * 2
    result = call_answer(impl, (logits.clone(), 2), "route_tokens")
    want_e, want_w = _routing_reference(logits, 2)
    experts, weights = (result if isinstance(result, tuple) and len(result) == 2
                        else (None, None))
    if not (isinstance(experts, torch.Tensor) and isinstance(weights, torch.Tensor)
            and experts.shape == want_e.shape and weights.shape == want_w.shape):
        raise CheckFailure("the result is not two (5, 2) tensors (experts, weights)")
    order, ref_order = torch.argsort(experts, -1), torch.argsort(want_e, -1)
    if not torch.equal(torch.gather(experts, 1, order), torch.gather(want_e, 1, ref_order)):
        raise CheckFailure(f"chose experts {experts.tolist()}, expected {want_e.tolist()} (in "
                           "any order)")
    assert_close(torch.gather(weights.detach(), 1, order), torch.gather(want_w, 1, ref_order),
                 "weights", atol=1e-5)


def _experts_wrong(impl, num_experts):
    """'' when yours routes 3 tokens over ``num_experts`` experts right (k=4), else what
    differs. Token 0's best score sits in the last expert's column, so code that never looks
    past a fixed number of experts misses it."""
    logits = torch.randn(3, 160, generator=torch.Generator().manual_seed(46))[:, :num_experts]
    logits = logits * 2
    logits[0, -1] = logits.max() + 1
    try:
        result = impl(logits.clone(), 4)
    except Exception as err:  # noqa: BLE001 - the crash is what differs
        if raised_not_implemented(err):  # an untouched stub stays "not attempted"
            raise
        return f"your code raised {type(err).__name__}: {err}"
    want_e, want_w = _routing_reference(logits, 4)
    experts, weights = (result if isinstance(result, tuple) and len(result) == 2
                        else (None, None))
    if not (isinstance(experts, torch.Tensor) and isinstance(weights, torch.Tensor)
            and experts.shape == want_e.shape and weights.shape == want_w.shape):
        return "the result is not two (3, 4) tensors (experts, weights)"
    order, ref_order = torch.argsort(experts, -1), torch.argsort(want_e, -1)
    if not torch.equal(torch.gather(experts, 1, order), torch.gather(want_e, 1, ref_order)):
        return f"chose experts {experts.tolist()}, expected {want_e.tolist()} (in any order)"
    got_w = torch.gather(weights.detach().double(), 1, order)
    if not torch.allclose(got_w, torch.gather(want_w, 1, ref_order).double(), atol=1e-5):
        return f"weights {got_w.tolist()}, expected {want_w.tolist()}"
    return ""


def _many_experts(impl):
    """160 experts (more than Mixtral's 8 or Qwen3's 128, the cases before have at most 8): a
    number of experts fixed in the code (a mask or buffer of 8 columns, a slice [:, :8])
    shows here; the smallest count that fails tells the fixed number."""
    wrong = _experts_wrong(impl, 160)
    if not wrong:
        return
    first_bad = next(n for n in range(5, 161) if _experts_wrong(impl, n))
    fixed = (f": yours is right for 5 to {first_bad - 1} experts and wrong from "
             f"{first_bad} on, so {first_bad - 1} experts seem fixed in your code (a mask, "
             f"buffer or slice of {first_bad - 1} columns); read the number of experts from "
             "the scores, router_logits.shape[-1], or use torch.topk(router_logits, k, "
             "dim=-1)") if first_bad > 5 else ""
    raise CheckFailure(f"route_tokens on 3 tokens, 160 experts, k=4 (token 0's best score in "
                       f"the last column): {wrong}{fixed}")


def _routing_reused(impl):
    """A caller that reuses one scores buffer (the router's output written into it) routes
    the same tensor object twice with other values: a result kept by identity shows here."""
    scores = torch.randn(4, 6, generator=torch.Generator().manual_seed(29))
    first = call_answer(impl, (scores, 2), "route_tokens")
    with torch.no_grad():
        scores.copy_(scores.flip(-1) + 0.5)  # the same tensor, new scores written into it
    what = "route_tokens on the same tensor after new scores were written into it in place"
    result = call_answer(impl, (scores, 2), what)
    want_e, want_w = _routing_reference(scores.detach().clone(), 2)
    experts, weights = (result if isinstance(result, tuple) and len(result) == 2
                        else (None, None))
    if not (isinstance(experts, torch.Tensor) and isinstance(weights, torch.Tensor)
            and experts.shape == want_e.shape and weights.shape == want_w.shape):
        raise CheckFailure(f"{what}: the result is not two (4, 2) tensors (experts, weights)")
    stale = isinstance(first, tuple) and len(first) == 2 and isinstance(
        first[0], torch.Tensor) and torch.equal(first[0], experts) and not torch.equal(
        experts.sort(-1).values, want_e.sort(-1).values)
    if stale:
        raise CheckFailure(f"{what} returned the experts of the first call, {experts.tolist()}, "
                           f"where the new scores pick {want_e.tolist()}: your results are "
                           "kept by the tensor's identity (id(router_logits), data_ptr() or "
                           "the object itself as a cache key), which a buffer reused with new "
                           "values still matches; compute the routes from the values on every "
                           "call")
    order, ref_order = torch.argsort(experts, -1), torch.argsort(want_e, -1)
    if not torch.equal(torch.gather(experts, 1, order), torch.gather(want_e, 1, ref_order)):
        raise CheckFailure(f"{what}: chose experts {experts.tolist()}, expected "
                           f"{want_e.tolist()} (in any order)")
    assert_close(torch.gather(weights.detach(), 1, order), torch.gather(want_w, 1, ref_order),
                 "weights", atol=1e-5)


def _routing_elsewhere(impl):
    """Scores of no tokens (an empty batch) give two empty (0, k) tensors; scores on the meta
    device (standing in for a GPU) give results there, not in buffers made on the CPU."""
    what = "route_tokens on scores of shape (0, 4) (no tokens), k=2"
    result = call_answer(impl, (torch.randn(0, 4), 2), what, hints=[(
        "non-empty TensorList", "the rows are built one token at a time and joined with "
        "torch.stack, which fails on a list of none: route all tokens at once, torch.topk("
        "router_logits, k, dim=-1) and a softmax over dim=-1, which handle no tokens too")])
    shapes = [tuple(t.shape) for t in result] if isinstance(result, tuple) and all(
        isinstance(t, torch.Tensor) for t in result) else None
    if shapes != [(0, 2), (0, 2)]:
        raise CheckFailure(f"{what} returned {shapes or type(result).__name__}; expected two "
                           "empty (0, 2) tensors, experts and weights (torch.topk and softmax "
                           "over dim=-1 give them)")
    what = "route_tokens on (3, 5) scores on the meta device (standing in for a GPU), k=2"
    try:  # meta tensors hold no numbers: only a copy to the CPU is evidence
        result = impl(torch.empty(3, 5, device="meta"), 2)
    except Exception as err:  # noqa: BLE001 - a crash for want of numbers is no evidence
        if _mixed_devices(err):
            raise CheckFailure(
                f"{what}: your code raised {type(err).__name__}: {err}. A tensor made inside "
                "without device= (a mask, index or buffer such as torch.zeros(router_logits."
                "shape, dtype=torch.bool)) is on the CPU and meets the scores on another "
                "device (a GPU, here the meta device): make it with "
                "device=router_logits.device, or route all tokens at once, "
                "torch.topk(router_logits, k, dim=-1)") from err
        if "copy out of meta" not in str(err):
            return
        raise CheckFailure(
            f"{what}: your code raised {type(err).__name__}: {err}. The scores were copied to "
            "the CPU: into a tensor made without device= (torch.zeros(num_tokens, k), "
            "torch.empty(...)), or by .cpu(), .numpy() or .tolist(), which fails for scores "
            "on a GPU (here the meta device) or leaves the result behind: make buffers with "
            "device=router_logits.device, or route all tokens at once in torch, "
            "torch.topk(router_logits, k, dim=-1)") from err
    away = tensors_not_on(result, "meta")
    if away:
        raise CheckFailure(f"{what}: {away[0]}, not on the scores' device: a tensor made "
                           "without device= (or a fixed .to(...)) holds it; make it with "
                           "device=router_logits.device, or use torch.topk's results")


def _one_expert_elsewhere(impl):
    """k = 1 with float64 scores, then with scores on the meta device: a k == 1 shortcut
    (the one weight is 1, so torch.ones(num_tokens, 1)) must make its weights like the
    scores, in their dtype and on their device, as the softmax of one score does. The other
    cases try k = 1 only on float32 CPU scores, where such a shortcut cannot show."""
    logits = torch.randn(4, 5, generator=torch.Generator().manual_seed(47), dtype=torch.float64)
    shortcut = ("a k == 1 shortcut makes the weights itself (torch.ones(num_tokens, 1) "
                "without dtype= and device=), while k = 2 keeps them right: make them like the "
                "scores, torch.ones_like(top_scores), or let the softmax of the one chosen "
                "score give the 1s, torch.softmax(top_scores, dim=-1), for every k")
    what = "route_tokens on 4 tokens, 5 experts of float64 scores, k=1"
    result = call_answer(impl, (logits.clone(), 1), what)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise CheckFailure(f"{what} must return (experts, weights), got {type(result)}")
    experts, weights = (_tensor(r, f"{what}: {name}", (4, 1))
                        for r, name in zip(result, ("experts", "weights")))
    if weights.dtype != logits.dtype:
        at_two = impl(logits.clone(), 2)[1]
        why = shortcut if getattr(at_two, "dtype", None) == logits.dtype else (
            "keep the scores' dtype (torch.softmax of the chosen scores as they are)")
        raise CheckFailure(f"{what}: the weights are {weights.dtype} for float64 scores: {why}")
    want_e, want_w = _routing_reference(logits, 1)
    if not torch.equal(experts, want_e):
        raise CheckFailure(f"{what}: chose experts {experts.tolist()}, expected "
                           f"{want_e.tolist()} (each token's highest score)")
    assert_close(weights, want_w, f"{what}: the weights (each 1: one expert takes it all)",
                 atol=1e-12)
    what = "route_tokens on (3, 5) scores on the meta device (standing in for a GPU), k=1"
    try:  # meta tensors hold no numbers: only a copy to the CPU is evidence (as above)
        result = impl(torch.empty(3, 5, device="meta"), 1)
    except Exception as err:  # noqa: BLE001 - a crash for want of numbers is no evidence
        if _mixed_devices(err) or "copy out of meta" in str(err):
            raise CheckFailure(f"{what}: your code raised {type(err).__name__}: {err}. A "
                               "tensor made inside without device= meets the scores on "
                               f"another device: {shortcut}") from err
        return
    away = tensors_not_on(result, "meta")
    if away:
        raise CheckFailure(f"{what}: {away[0]}, not on the scores' device: {shortcut}")


def _all_experts_elsewhere(impl):
    """k = num_experts on float64 scores, then on the meta device: a shortcut for k equal to
    the number of experts (every expert picked, torch.arange(num_experts) as the experts)
    must make its tensors on the scores' device; the meta call above used k = 2."""
    logits = torch.randn(3, 4, generator=torch.Generator().manual_seed(49), dtype=torch.float64)
    what = "route_tokens on 3 tokens, 4 experts of float64 scores, k=4 (every expert)"
    result = call_answer(impl, (logits.clone(), 4), what)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise CheckFailure(f"{what} must return (experts, weights), got {type(result)}")
    shortcut = ("a shortcut for k == num_experts makes a tensor itself (torch.arange("
                "num_experts) or torch.ones(...) without device=), while k = 2 stays on the "
                "scores' device: make it with device=router_logits.device, or drop the "
                "shortcut, torch.topk(router_logits, k, dim=-1) picks every expert too")
    what = "route_tokens on (3, 4) scores on the meta device (standing in for a GPU), k=4"
    try:  # meta tensors hold no numbers: only a copy to the CPU is evidence (as above)
        result = impl(torch.empty(3, 4, device="meta"), 4)
    except Exception as err:  # noqa: BLE001 - a crash for want of numbers is no evidence
        if _mixed_devices(err) or "copy out of meta" in str(err):
            raise CheckFailure(f"{what}: your code raised {type(err).__name__}: {err}: "
                               f"{shortcut}") from err
        return
    away = tensors_not_on(result, "meta")
    if away:
        raise CheckFailure(f"{what}: {away[0]}, not on the scores' device: {shortcut}")


def _ranking_rule(impl, experts, logits, k):
    """' cause' when your picks are those of a known wrong ranking; when several fit, a second
    set of scores (6 tokens, 7 experts) must tell them apart, else ''."""
    rules = [
        ("You picked the experts with the LOWEST scores: use torch.topk(..., largest=True).",
         lambda s: torch.topk(s, k, dim=-1, largest=False).indices),
        ("These are the top k of a softmax over dim 0 (the tokens), which reorders each "
         "token's experts: rank each token's own scores, torch.topk(router_logits, k, dim=-1) "
         "(a softmax over dim=-1 keeps their order).",
         lambda s: torch.topk(torch.softmax(s, dim=0), k, dim=-1).indices),
        ("These are the top k after each expert's mean over the tokens was subtracted "
         "(router_logits - router_logits.mean(dim=0), a centring per expert as for load "
         "balancing), which changes a token's ranking: rank each token's own scores as they "
         "are, torch.topk(router_logits, k, dim=-1).",
         lambda s: torch.topk(s - s.mean(0, keepdim=True), k, dim=-1).indices),
        ("These are the k scores of largest MAGNITUDE (router_logits.abs() ranked): a large "
         "negative score is a bad match, not a strong one; rank the signed scores, "
         "torch.topk(router_logits, k, dim=-1).",
         lambda s: torch.topk(s.abs(), k, dim=-1).indices),
        ("These are the top k of torch.sigmoid(router_logits): a sigmoid keeps the order of "
         "moderate scores, but in float32 it is exactly 1.0 for every score above about 17, "
         "so at these scores all the experts tie at 1.0 and topk's tie-break picks them; "
         "rank the raw scores, torch.topk(router_logits, k, dim=-1) (take a sigmoid, if at "
         "all, only for the weights).",
         lambda s: torch.topk(torch.sigmoid(s), k, dim=-1).indices),
        ("These are the k * num_tokens highest scores of the WHOLE (num_tokens, num_experts) "
         "matrix (one top-k over router_logits.flatten() or .view(-1), the ids taken modulo "
         "num_experts), laid out k per row: a global pick, so rows take each other's experts; "
         "pick within each token's own row, torch.topk(router_logits, k, dim=-1).",
         lambda s: (torch.topk(s.flatten(), k * s.shape[0]).indices % s.shape[1]).view(-1, k))]

    def same(a, b):
        return a.shape == b.shape and torch.equal(a.sort(-1).values, b.sort(-1).values)
    fits = [(words, rule) for words, rule in rules if same(experts, rule(logits))]
    if len(fits) > 1:
        probe = torch.randn(6, 7, generator=torch.Generator().manual_seed(28)) * 3
        try:
            again = impl(probe.clone(), k)[0]
            fits = [(words, rule) for words, rule in fits if same(again, rule(probe))]
        except Exception:  # noqa: BLE001 - no evidence either way
            fits = []
    return " " + fits[0][0] if len(fits) == 1 else ""


def _per_expert_bias(got_w, chosen, experts):
    """The per-expert amounts b[e] when log(yours) = chosen score + b[expert] + one constant
    per token fits every weight (a fixed bias by expert id), with at least two equations to
    spare; else None."""
    T, k = got_w.shape
    used = sorted(set(experts.flatten().tolist()))
    if T * k - (len(used) + T - 1) < 2:
        return None
    rows = torch.zeros(T * k, len(used) + T, dtype=torch.float64)
    for t in range(T):
        for j in range(k):
            rows[t * k + j, used.index(int(experts[t, j]))] = 1.0
            rows[t * k + j, len(used) + t] = 1.0
    y = (got_w.double().clamp_min(1e-300).log() - chosen.double()).reshape(-1, 1)
    if not bool(torch.isfinite(y).all()):
        return None
    sol = torch.linalg.lstsq(rows, y, driver="gelsd").solution
    if float((rows @ sol - y).abs().max()) > 1e-4:
        return None
    b = sol[: len(used), 0] - sol[0, 0]
    return {e: round(float(v), 4) for e, v in zip(used, b)} if float(
        b.max() - b.min()) > 1e-3 else None


def _rank_factors(got_w, chosen, by_rank):
    """The factors c[r] when log(yours) = c[rank] * score + one constant per token fits every
    weight (read back by least squares, with equations to spare) and the factors differ (one
    factor for all is a temperature), rounded to 4 digits; else None."""
    T, k = got_w.shape
    if k < 2 or T * (k - 1) < k + 2:
        return None
    logw = torch.gather(got_w, 1, by_rank).double().clamp_min(1e-300).log()
    sc = torch.gather(chosen, 1, by_rank).double()
    rows, rhs = [], []
    for t in range(T):
        for r in range(1, k):  # log w_r - log w_0 = c_r * s_r - c_0 * s_0
            row = torch.zeros(k, dtype=torch.float64)
            row[r], row[0] = sc[t, r], -sc[t, 0]
            rows.append(row)
            rhs.append(logw[t, r] - logw[t, 0])
    A, b = torch.stack(rows), torch.stack(rhs)
    if not bool(torch.isfinite(b).all()):
        return None
    c = torch.linalg.lstsq(A, b[:, None]).solution.flatten()
    if float((A @ c - b).abs().max()) > 1e-4 or float(c.max() - c.min()) < 1e-3:
        return None
    return [round(float(v), 4) for v in c]


def _weights_contrast(got_w, ref_w, chosen, experts=None):
    """The fallback for weights that sum to 1 but are no softmax of the chosen scores at any
    temperature: the first token that differs, which tokens differ when their ``chosen``
    scores set them apart, and whether yours are flatter or sharper than the softmax, or out
    of the scores' order."""
    bad = [t for t in range(len(got_w)) if not torch.allclose(got_w[t], ref_w[t], atol=1e-5)]
    if not bad:  # within the tolerance (rounding only): the hint is built before the comparison
        return ""
    t = bad[0]
    good = [r for r in range(len(got_w)) if r not in bad]
    split = ""
    if good:
        top_bad, top_good = (chosen[bad].max().item(), chosen[good].max().item())
        low_bad, low_good = (chosen[bad].min().item(), chosen[good].min().item())
        split = (f"; only tokens {bad} of {len(got_w)} differ, and they are exactly those "
                 f"with a chosen score above {top_good:.4g} (the others, all right, stay at "
                 f"or below it): large scores are changed before the softmax (clamped or "
                 "capped?)" if min(chosen[r].max().item() for r in bad) > top_good else
                 f"; only tokens {bad} of {len(got_w)} differ, and they are exactly those "
                 f"with a chosen score below {low_good:.4g} (the others, all right, stay at "
                 "or above it): small scores are changed before the softmax (clamped or "
                 "floored?)" if max(chosen[r].min().item() for r in bad) < low_good else
                 f"; only tokens {bad} of {len(got_w)} differ (their chosen scores span "
                 f"{low_bad:.4g} .. {top_bad:.4g}, the right ones' {low_good:.4g} .. "
                 f"{top_good:.4g})")
    top, want = got_w.max(-1).values, ref_w.max(-1).values
    out_of_order = [r for r in range(len(got_w)) if not torch.equal(
        torch.argsort(got_w[r]), torch.argsort(ref_w[r])) and len(set(ref_w[r].tolist())) ==
        ref_w.shape[1]]
    shape = (f"; in token {out_of_order[0]} your weights are not in the order of the scores (a "
             "higher score must get a higher weight): a weight paired with another expert's "
             "score, or the scores changed before the softmax?" if out_of_order else
             "; in every token yours are FLATTER than the softmax (your largest weight is "
             "smaller), as a mix with uniform weights, scores shifted and divided by their "
             "sum, or a temperature above 1 that changes from token to token give"
             if bool((top < want - 1e-6).all()) else
             "; in every token yours are SHARPER than the softmax (your largest weight is "
             "larger), as a temperature below 1 that changes from token to token gives"
             if bool((top > want + 1e-6).all()) else "")
    by_rank = torch.argsort(chosen, dim=-1, descending=True)  # log-weights minus scores,
    gap = (torch.gather(got_w, 1, by_rank).double().clamp_min(1e-300).log()  # rank by rank
           - torch.gather(chosen, 1, by_rank).double())
    gap = gap - gap[:, :1]
    said = describe_elementwise(got_w, ref_w)
    zeros = got_w == 0  # weights dropped to 0, the others renormalised over the kept ones
    kept = ref_w.double() * ~zeros
    if bool(zeros.any()) and bool((ref_w[zeros] > 0).all()) and bool(
            (kept.sum(-1) > 0).all()) and torch.allclose(
            got_w.double(), kept / kept.sum(-1, keepdim=True), atol=1e-5):
        cut, least = float(ref_w[zeros].max()), float(ref_w[~zeros].min())
        shape = (f"; yours are the softmax with some weights set to 0 and the others "
                 f"renormalised: every weight you zeroed is a right weight of at most "
                 f"{cut:.4g}" + (f", every one you kept at least {least:.4g}: a threshold "
                                 "(small weights dropped) between them" if least > cut else
                                 "") + "; keep all k weights as the softmax gives them")
    elif len(got_w) > 1 and bool(torch.isfinite(gap).all()) and torch.allclose(
            gap, gap[:1].expand_as(gap), atol=1e-4) and float(gap.abs().max()) > 1e-3:
        shape = (f"; in every token yours are the softmax of the chosen scores plus a fixed "
                 f"amount per rank, {[round(float(v), 4) for v in gap[0]]} (the highest score "
                 "first): a bias or bonus by rank added to the sorted scores before the softmax")
    elif said:  # one function applied to every weight (rounded, squared, ...) says more
        shape = f" ({said.removeprefix('What differs: ').rstrip('.')})"
    elif (factors := _rank_factors(got_w, chosen, by_rank)) is not None:
        shape = (f"; in every token yours are the softmax of the chosen scores each multiplied "
                 f"by a factor of its rank, {factors} (the highest score first): the sorted "
                 "scores are rescaled rank by rank before the softmax")
    elif experts is not None and (bias := _per_expert_bias(got_w, chosen, experts)):
        shape = (f"; in every token yours are the softmax of the chosen scores plus a fixed "
                 f"amount per expert, {bias} (expert: amount, the first at 0): a bias by "
                 "expert id (a load-balancing bias?) added to the scores before the softmax; "
                 "the weights come from the chosen scores alone")
    elif "exactly those" in split:  # which tokens differ says more than flat or sharp
        shape = split
    elif len(got_w) > 1 and None not in (owner := [next((
            r for r in range(len(ref_w)) if torch.allclose(got_w[t].sort().values,
                                                           ref_w[r].sort().values, atol=1e-5)),
            None) for t in range(len(got_w))]):  # every row is another token's weights
        shape = (f"; every token's weights are the right weights of another token: token t "
                 f"gets those of token {owner} (t = 0 .. {len(got_w) - 1}), so the weights "
                 "were moved along the tokens (a roll, a shift or a reorder of dim 0) and "
                 "no longer sit beside their own experts")
    else:
        shape += split
    return (f"your weights sum to 1, but token {t}'s are "
            f"{[round(v, 4) for v in got_w[t].tolist()]} where the softmax of its chosen scores "
            f"gives {[round(v, 4) for v in ref_w[t].tolist()]} (experts in index order), and no "
            f"temperature fits every token{shape}: they are not a softmax of the chosen "
            "scores; use torch.softmax(top_scores, dim=-1)")


def _tied_scores(impl):
    """Scores tied at the k-th place (low-precision routers tie often): any tied expert may be
    chosen, but exactly k distinct ones per token, weighted by a softmax over their scores."""
    logits = torch.tensor([[2.0, 0.5, 0.5, -1.0], [0.0, 1.0, 1.0, 1.0], [-1.0, 3.0, -1.0, 0.0]])
    what = ("route_tokens on 3 tokens, 4 experts, k=2, scores tied at the k-th place "
            f"({logits.tolist()})")
    ties = ("with a tie at the k-th score, a comparison with a threshold score keeps all the "
            "tied experts (>= kth_score) or none (>), so tokens get more or fewer than k; pick "
            "exactly k, torch.topk(router_logits, k, dim=-1), which breaks ties itself")
    result = call_answer(impl, (logits.clone(), 2), what, hints=[
        ("is invalid for input of size", "the rows picked different numbers of experts: "
         + ties)])
    experts = result[0] if isinstance(result, tuple) and len(result) == 2 else None
    if isinstance(experts, torch.Tensor) and experts.shape != (3, 2):
        raise CheckFailure(f"{what}: experts has shape {tuple(experts.shape)}, expected (3, 2): "
                           + ties)
    experts = _tensor(experts, f"{what}: experts", (3, 2))
    kth = torch.topk(logits, 2, dim=-1).values[:, -1:]
    chosen = torch.gather(logits, 1, experts.long())
    if bool((chosen < kth).any()) or bool((experts[:, 0] == experts[:, 1]).any()):
        # k distinct experts, yet a lower one beside a skipped expert tied with a chosen one:
        # every score equal to a pick was removed (scores == max masked), not the pick alone
        dropped = [(t, e) for t in range(3) if experts[t, 0] != experts[t, 1] and bool(
            (chosen[t] < kth[t]).any()) for e in range(4) if e not in experts[t].tolist()
            and bool(logits[t, e] == chosen[t, 0])]
        if dropped:
            t, e = dropped[0]
            raise CheckFailure(
                f"{what}: chose experts {experts.tolist()}: token {t} got expert "
                f"{experts[t, 1].item()} (score {chosen[t, 1].item():g}) while expert {e}, "
                f"tied with its first pick at {logits[t, e].item():g}, was left out: after "
                "each pick every expert with the SAME score was removed (a mask such as "
                "scores == max, which drops all the tied ones), not the picked index alone; "
                "mask only the chosen index (scores.scatter(-1, index, float('-inf'))), or "
                "use torch.topk(router_logits, k, dim=-1)")
        raise CheckFailure(f"{what}: chose experts {experts.tolist()}: each token needs 2 "
                           "different experts among its 2 highest scores (either tied one is "
                           "fine): " + ties)
    weights = _tensor(result[1], f"{what}: weights", (3, 2))
    kept = logits.masked_fill(logits < kth, float("-inf"))  # all the tied experts kept

    def tie_hint():
        counts = (logits >= kth).sum(-1).tolist()
        return ("your weights are a softmax over every expert scoring at least the k-th "
                f"score, {counts} experts per token (a threshold such as router_logits < "
                "kth_score masked with -inf, then a softmax over all experts): with a tie at "
                "the k-th place more than k experts share the softmax, so the k weights you "
                "return sum to less than 1; take the softmax over the k chosen scores only, "
                "torch.softmax(top_scores, dim=-1)" if torch.allclose(
                    weights.double(), torch.gather(torch.softmax(kept.double(), -1), 1,
                                                   experts.long()), atol=1e-5) else
                "with tied scores, weigh the experts you chose by a softmax over their "
                "own scores, torch.softmax(top_scores, dim=-1)")
    assert_close(weights, torch.softmax(chosen, dim=-1), f"{what}: weights", atol=1e-5,
                 hint=tie_hint)
    # A near tie is no tie: 0.501 beats 0.5 (2 float16 steps apart, equal in bfloat16),
    # whatever their indices; two rows, so that either order of a tie-break shows.
    near = torch.tensor([[0.501, -1.0, -1.0, 0.5, 2.0], [0.5, -1.0, -1.0, 0.501, 2.0]])
    what = ("route_tokens on 2 tokens, 5 experts, k=2, scores [[0.501, -1.0, -1.0, 0.5, 2.0], "
            "[0.5, -1.0, -1.0, 0.501, 2.0]]")
    got = call_answer(impl, (near.clone(), 2), what)
    got = got[0] if isinstance(got, tuple) and len(got) == 2 else got
    if not (isinstance(got, torch.Tensor) and got.shape == (2, 2)):
        return
    for row, (best, other) in enumerate(((0, 3), (3, 0))):
        if sorted(got[row].tolist()) == sorted([4, other]):
            raise CheckFailure(
                f"{what}: token {row} chose experts {got[row].tolist()}, expected [4, {best}] "
                f"(in any order): expert {other} (0.5) was picked over expert {best} (0.501), "
                "so the scores were changed before the top-k: rounded to bfloat16 "
                "(.to(torch.bfloat16): in bfloat16 0.501 and 0.5 are the same number, a tie), "
                f"or shifted by a bias {'growing' if other > best else 'falling'} with the "
                "expert index (a small jitter such as 1e-3 * arange(num_experts) to break "
                "ties?); a tie-break "
                "must not reorder different scores: torch.topk(router_logits, k, dim=-1) on "
                "the scores as they are")


# Scores near +20,000 a few units apart: float16 holds only multiples of 16 there (bfloat16
# of 128), so 20003.5, 20001.2 and 19998.7 all become 20000 and tie; the tied expert that is
# right sits last in row 0 and first in row 1, so either tie-break shows. A clamp at 0
# changes none of these scores.
_NEAR_20K = torch.tensor([[19998.7, 20001.2, 19990.0, 20012.0, 20003.5],
                          [20003.5, 19990.0, 20012.0, 20001.2, 19998.7]])
_NEAR_20K_TEXT = ("[[19998.7, 20001.2, 19990.0, 20012.0, 20003.5], "
                  "[20003.5, 19990.0, 20012.0, 20001.2, 19998.7]]")


def _half_ranks(impl, experts, logits, k):
    """Name a ranking done in float16 or bfloat16 (the scores, or their softmax, cast with
    .half() or .bfloat16() before the top-k): its picks are a top-k of the rounded scores,
    and on large positive scores, where a clamp at 0 changes nothing, it still goes wrong."""
    if float(logits.abs().max()) < 4096:
        return ""
    fits = []
    for dtype in (torch.float16, torch.bfloat16):
        rounded = logits.to(dtype).float()
        kth = torch.topk(rounded, k, dim=-1).values[:, -1:]
        fits.append(bool((torch.gather(rounded, 1, experts) >= kth).all()))
    if not any(fits):
        return ""
    try:
        got = impl(_NEAR_20K.clone(), 2)[0]
        wrong = not torch.equal(torch.as_tensor(got).sort(-1).values,
                                torch.tensor([[3, 4], [0, 2]]))
    except Exception:  # noqa: BLE001 - no second reading: leave the cause to the others
        return ""
    if not wrong:
        return ""
    return (f" Yours picks as if scores close together were equal, and does so on scores "
            f"near +20,000 too (route_tokens on {_NEAR_20K_TEXT} with k=2 chose "
            f"{torch.as_tensor(got).tolist()}, expected experts [3, 4] and [2, 0]), so the "
            "scores were not clamped at 0 but ranked in half precision: .half() or "
            ".bfloat16() (or a softmax in float16) before the top-k rounds scores near "
            "20,000 to multiples of 16 (bfloat16: 128), and scores a few units apart tie; "
            "rank the scores in their own dtype, torch.topk(router_logits, k, dim=-1).")


def _global_underflow(impl, experts, logits, k):
    """Name a softmax taken over every token's scores at once (of the flattened scores, or
    exp(score - max) with one max over all tokens) before the top-k: in float32 a token whose
    scores lie about 100 or more below another token's gets probabilities of exactly 0, so
    its top-k picks among zeros. Evidence: every wrong pick is in such a token (a softmax of
    its own scores keeps k of them above 0), and each of those tokens routed alone is
    right."""
    own = torch.softmax(logits, dim=-1)
    everywhere = torch.softmax(logits.flatten(), dim=0).view_as(logits)
    lost = ((everywhere > 0).sum(-1) < k) & ((own > 0).sum(-1) >= k)
    wrong = [t for t in range(len(experts)) if sorted(experts[t].tolist())
             != sorted(torch.topk(logits[t], k).indices.tolist())]
    if not wrong or not all(bool(lost[t]) for t in wrong):
        return ""
    try:
        alone = all(torch.equal(impl(logits[t:t + 1].clone(), k)[0].sort(-1).values,
                                torch.topk(logits[t:t + 1], k).indices.sort(-1).values)
                    for t in wrong)
    except Exception:  # noqa: BLE001 - no evidence either way
        return ""
    if not alone:
        return ""
    top = float(logits.max())
    return (f" Only tokens {wrong} are wrong, and each of them routed alone is right: their "
            f"scores lie more than 100 below the highest score ({top:.0f}), and a softmax "
            "taken over all tokens' scores at once (a softmax of the flattened scores, or "
            "exp(score - max) with one max over every token) instead of each token's own "
            "scores gives every expert of theirs exactly 0 in float32, so the top-k picks "
            "among zeros: pick from each token's raw scores, torch.topk(router_logits, k, "
            "dim=-1), and take the softmax per token, torch.softmax(top_scores, dim=-1).")


def _clamped_ranks(experts, logits, k):
    """Name a ranking that sees every negative score as 0 (a ReLU or clamp(min=0) before the
    top-k): its picks are a top-k of the clamped scores, wrong only where a token's k-th best
    score is negative."""
    relu = logits.clamp(min=0)
    kth = torch.topk(relu, k, dim=-1).values[:, -1:]
    fits = bool((torch.gather(relu, 1, experts) >= kth).all()) and all(
        len(set(row)) == k for row in experts.tolist())
    wrong = [t for t in range(len(experts)) if sorted(experts[t].tolist())
             != sorted(torch.topk(logits[t], k).indices.tolist())]
    if not fits or not wrong or any(float(logits[t].topk(k).values[-1]) >= 0 for t in wrong):
        return ""
    t = wrong[0]
    return (f" Every wrong pick is in a token whose k-th best score is negative (token {t}: "
            f"{[round(v, 3) for v in logits[t].tolist()]}), and there you picked among the "
            "negative scores as if they were all equal: the scores were clamped at 0 (F.relu, "
            ".clamp(min=0)) before the top-k; rank the raw scores, torch.topk(router_logits, "
            "k, dim=-1).")


def _column_masked_picks(logits, k):
    """The experts of k argmax picks where each pick masks its expert's COLUMN for every
    token (scores[:, idx] = -inf with idx holding one expert per token), sorted per token."""
    scores, picks = logits.clone(), []
    for _ in range(k):
        idx = scores.argmax(-1)
        picks.append(idx)
        scores[:, idx] = float("-inf")
    return torch.stack(picks, -1).sort(-1).values


def _tokens_alone(impl, logits, k, experts):
    """' cause' when every token routed alone gets its right top-k, so that together the
    tokens change each other's picks (an expert capacity or a load count), else ''; named
    as column masking when argmax picks that mask whole columns give yours here and on a
    second set of scores."""
    try:
        alone = all(torch.equal(impl(logits[t:t + 1].clone(), k)[0].sort(-1).values,
                                torch.topk(logits[t:t + 1], k).indices.sort(-1).values)
                    for t in range(len(logits)))
    except Exception:  # noqa: BLE001 - no evidence either way
        alone = False
    if alone and k > 1 and torch.equal(experts.sort(-1).values,
                                       _column_masked_picks(logits, k)):
        other = torch.randn(6, 5, generator=torch.Generator().manual_seed(45))
        try:
            again = torch.equal(impl(other.clone(), 2)[0].sort(-1).values,
                                _column_masked_picks(other, 2))
        except Exception:  # noqa: BLE001 - no second reading: say what this case shows
            again = False
        if again:
            return (" Routed one at a time, every token gets its right experts; routed "
                    "together, yours are the picks of a loop that masks each picked expert "
                    "for EVERY token: scores[:, idx] = -inf with idx = scores.argmax(-1) (one "
                    "expert per token) blanks those experts' whole columns; mask each token's "
                    "own pick, scores.scatter_(-1, idx[:, None], float('-inf')), or use "
                    "torch.topk(router_logits, k, dim=-1).")
    return (" Routed one at a time, every token gets its right experts; routed together, "
            "some do not: your pick for a token depends on the OTHER tokens (an expert "
            "capacity that sends a token to its next-best expert once an expert is full, or "
            "a load count kept while looping over the tokens); each token takes its own k "
            "highest scores, whatever the others chose, torch.topk(router_logits, k, "
            "dim=-1).") if alone else ""

def _drawn_at_random(impl, logits, k):
    """Whether yours draws its experts at random (torch.multinomial on the softmax): under one
    torch seed two calls on the same scores pick alike, under other seeds they do not. An
    answer whose picks move between calls for another reason (a state kept between calls)
    differs under the same seed too, and is not named here. The caller's random state is
    left as it was."""
    def picks(seed):
        torch.manual_seed(seed)
        got = impl(logits.clone(), k)[0]
        return got.sort(-1).values if isinstance(got, torch.Tensor) else None

    try:
        with torch.random.fork_rng(devices=[]):
            first, again = picks(0), picks(0)
            others = [picks(seed) for seed in range(1, 6)]
    except Exception:  # noqa: BLE001 - no evidence either way
        return ""
    if first is None or again is None or not torch.equal(first, again):
        return ""
    if all(o is not None and o.shape == first.shape and torch.equal(o, first)
           for o in others):
        return ""
    return (" Your picks change with torch's random seed (called again on the same scores "
            "under other seeds, other experts come out; under one seed they repeat): the "
            "experts are drawn at random, as torch.multinomial on the softmax does; routing "
            "is no sampling: take each token's k highest scores, torch.topk(router_logits, "
            "k, dim=-1)")


def _expert_ranks(experts, logits, want_e, impl):
    """The fallback for a wrong choice: the first wrong token's picks, their scores and their
    ranks among that token's scores (1 = the highest); an expert no token got is named as left
    out only when scores that favour it far above the others do not get it picked either."""
    t = next(t for t in range(len(experts)) if sorted(experts[t].tolist()) !=
             sorted(want_e[t].tolist()))
    ranks = torch.argsort(torch.argsort(logits[t], descending=True)) + 1
    row = experts[t].tolist()
    never = sorted(set(want_e.flatten().tolist()) - set(experts.flatten().tolist()))
    if never:
        favour = torch.zeros(2, logits.shape[-1])
        favour[:, never[0]] = 5.0
        try:
            picked = impl(favour, len(experts[0]))[0]
            never = never if never[0] not in picked.tolist()[0] else []
        except Exception:  # noqa: BLE001 - no evidence either way
            never = []
    left = (f" No token got the experts {never}, which some should: left out (a slice of the "
            "experts' axis such as [:, :-1], or range(num_experts - 1))?" if never else "")
    scores = [round(v, 3) for v in logits[t].tolist()]
    picked = [int(ranks[e]) for e in row]
    return (left + f" Token {t} has the scores {scores}; you picked experts {row}, ranked "
            f"{picked} by score (1 = highest), "
            f"where the k={len(row)} highest are ranks 1 .. {len(row)}: rank each token's own "
            "scores as they are (no abs, no transform), torch.topk(router_logits, k, dim=-1).")


def _temperature(got_w, logits, want_e):
    """The temperature your weights imply, when one fits every token: softmax(top / T)."""
    inv = _token_inverse_temperatures(got_w, logits, want_e)
    if inv is None or (inv - inv[0]).abs().max() > 1e-4 * inv[0].abs() or inv[0] <= 0:
        return None
    return 1.0 / float(inv[0])


def _token_inverse_temperatures(got_w, logits, want_e):
    """Per token, the 1 / T with your weights = softmax(top / T), or None when some token's
    weights are no such softmax."""
    top = torch.gather(logits, 1, want_e).double()
    lw = got_w.double().gather(1, torch.argsort(torch.argsort(want_e, dim=-1), dim=-1)).log()
    ds, dl = top - top.mean(-1, keepdim=True), lw - lw.mean(-1, keepdim=True)
    if not torch.isfinite(dl).all() or top.shape[1] < 2 or (ds.abs().sum(-1) < 1e-3).any():
        return None
    inv = (ds * dl).sum(-1) / ds.pow(2).sum(-1)  # 1 / T per token, by least squares
    return None if (dl - inv[:, None] * ds).abs().max() > 1e-4 else inv


def _row_temperature(got_w, logits, want_e):
    """Words for weights that are a softmax of the chosen scores at a temperature that changes
    from token to token (the scores rescaled row by row), or None."""
    inv = _token_inverse_temperatures(got_w, logits, want_e)
    if inv is None or not bool((inv > 0).all()):
        return None
    temps = 1.0 / inv
    rows = logits.double()
    named = next((name for name, per_row in [
        ("the row's standard deviation over all experts (a z-score, (s - mean) / std)",
         rows.std(-1)), ("the row's standard deviation (unbiased=False)",
                         rows.std(-1, unbiased=False)),
        ("the row's norm over all experts", rows.norm(dim=-1)),
        ("the row's largest |score|", rows.abs().amax(-1)),
        ("the row's sum of |scores|", rows.abs().sum(-1))]
        if torch.allclose(temps, per_row, rtol=1e-3)), None)
    if named is None and want_e.shape[1] < 3:  # two weights: some factor always fits a token
        return None
    shown = ", ".join(f"token {t}: {float(v):.4g}" for t, v in enumerate(temps[:3]))
    return ("your weights are a softmax of the chosen scores divided by a number that changes "
            f"from token to token ({shown}): each row of scores was rescaled before the softmax"
            + (f", by {named}" if named else " (divided by a per-row statistic such as its "
               "std, norm or max?)") + "; take torch.softmax(top_scores, dim=-1) of the raw "
            "scores")


def _temperature_names(temp, k, n):
    """What a temperature is, among the sizes at hand: {kind: words}."""
    return {key: why for key, value, why in [
        ("k", k, f"k = {k}: the scores divided by k"),
        ("sqrt_n", n ** 0.5, f"sqrt(num_experts) = {n ** 0.5:.4g}: the scores scaled by 1 / "
         "sqrt(num_experts), attention's scaling, which routing does not use"),
        ("sqrt_k", k ** 0.5, f"sqrt(k) = {k ** 0.5:.4g}: the scores scaled by 1 / sqrt(k)"),
        ("n", n, f"num_experts = {n}: the scores divided by num_experts")]
        if temp and abs(temp - value) < 1e-3 * value}


def _repeated_expert(experts):
    """A hint when some token got one expert twice (a repeated argmax without masking)."""
    for t, row in enumerate(experts.tolist()):
        twice = next((e for e in row if row.count(e) > 1), None)
        if twice is not None:
            return (f" Token {t} got expert {twice} more than once: its k experts must be "
                    "different (torch.topk picks k distinct ones; an argmax repeated k times "
                    "needs the chosen score set to -inf before the next pick).")
    return ""


def _half_scores(impl):
    """A bfloat16 or float16 model's router gives half-precision scores: the weights keep
    their dtype, as float64 scores give float64 weights. A softmax lifted to float32 for half
    types only (a branch on the dtype, not undone) shows only here."""
    logits = torch.randn(5, 6, generator=torch.Generator().manual_seed(27))
    for dtype in (torch.bfloat16, torch.float16):
        scores = logits.to(dtype)
        what = f"route_tokens on {dtype} scores, 5 tokens, 6 experts, k=2"
        result = call_answer(impl, (scores.clone(), 2), what)
        if not (isinstance(result, tuple) and len(result) == 2):
            raise CheckFailure(f"{what} must return (experts, weights), got {type(result)}")
        experts, weights = (_tensor(r, f"{what}: {name}", (5, 2))
                            for r, name in zip(result, ("experts", "weights")))
        want_e, _ = _routing_reference(scores, 2)
        if weights.dtype != dtype:
            lifted = weights.dtype == torch.float32 and torch.allclose(
                weights, torch.softmax(torch.gather(scores, 1, experts).float(), dim=-1),
                atol=1e-6)
            cause = ("they are the softmax of the chosen scores computed in float32 and never "
                     "cast back (a .float() or dtype=torch.float32 for half-precision scores)"
                     if lifted else "something in your code changes their dtype")
            raise CheckFailure(f"{what} returned {weights.dtype} weights: {cause}; float64 "
                               f"scores gave float64 weights, and {dtype} ones must give "
                               f"{dtype}: compute in the scores' dtype, or cast back, "
                               "weights.to(router_logits.dtype)")
        if not torch.equal(experts.sort(-1).values, want_e.sort(-1).values):
            raise CheckFailure(f"{what}: chose experts {experts.tolist()}, expected "
                               f"{want_e.tolist()} (in any order)")


def _routing_grad(impl):
    """The router is trained through the weights: they must carry the scores' gradient."""
    logits = torch.randn(6, 5, generator=torch.Generator().manual_seed(25), dtype=torch.float64)
    x = logits.clone().requires_grad_(True)
    result = call_answer(impl, (x, 2), "route_tokens on 6 tokens, 5 experts, k=2, scores that "
                         "require grad", hints=[("leaf Variable that requires grad", "route_tokens "
                         "wrote into router_logits in place (router_logits[...] = -inf, "
                         "masked_fill_(...)): the caller's scores must stay as they were; mask "
                         "a copy, router_logits.clone(), or use torch.topk")])
    weights = result[1] if isinstance(result, tuple) and len(result) == 2 else None
    no_grad = ("the weights carry no gradient back to the router's scores (torch.no_grad(), "
               ".detach(), .item() or .data around the top-k or the softmax): the router is "
               "trained through these weights, so keep them differentiable")
    if not isinstance(weights, torch.Tensor) or not weights.requires_grad:
        raise CheckFailure(f"route_tokens on 6 tokens, 5 experts, k=2: {no_grad}")
    if weights.dtype != logits.dtype:
        raise CheckFailure(f"route_tokens on {logits.dtype} scores returned {weights.dtype} "
                           "weights: keep the scores' dtype (no dtype=torch.float32 or .float() "
                           "in the softmax, no torch.zeros/empty buffer made without dtype=, "
                           "which is float32), so float64 scores give float64 weights")
    mix = torch.linspace(-1.0, 2.0, 12, dtype=torch.float64).reshape(6, 2)
    order = torch.argsort(result[0].detach(), dim=-1)
    got = torch.autograd.grad((torch.gather(weights, 1, order) * mix).sum(), x,
                              allow_unused=True)[0]
    ref_x = logits.clone().requires_grad_(True)
    ref_e, ref_w = _routing_reference(ref_x, 2)
    (torch.gather(ref_w, 1, torch.argsort(ref_e, dim=-1)) * mix).sum().backward()
    hint = no_grad if got is None else ("keep the weights a softmax of the chosen scores "
                                        "themselves (torch.topk's values), so the gradient "
                                        "reaches them")
    # 1e-6 admits a softmax run in float32 and cast back (rounding about 5e-8 here), as
    # Hugging Face's Qwen3 router does; a missing or wrong gradient is off by 1e-2 or more
    assert_close(torch.zeros_like(logits) if got is None else got, ref_x.grad,
                 "the gradient of the weights with respect to the scores", atol=1e-6, hint=hint)


# --- ex4_24: the sliding-window mask -------------------------------------------------------------


# torch's NotImplementedError (not a stub's) for an operation missing for the mask's dtype
MASK_DTYPE_HINTS = [
    ("bitwise", "a bitwise operator (|, & or ~) met a float tensor: torch.ones, triu and tril "
                "give floats unless told otherwise; build each part as bool, torch.ones("
                "num_tokens, num_tokens, dtype=torch.bool), or compare positions, (k > q) | "
                "(k <= q - window)"),
    ("not implemented for", "an operation does not support the dtype it was given: build the "
                            "mask from bool tensors, or compare positions, (k > q) | (k <= q - "
                            "window)")]


def _swapped_mask_args(impl, T, w, got, what):
    """Fail with the cause when a (window, window) mask comes from the two arguments read in
    the other order: called as (window, num_tokens) it gives the right mask."""
    try:
        again = impl(w, T)
        proof = isinstance(again, torch.Tensor) and tuple(again.shape) == (T, T) and \
            torch.equal(again.bool(), GroupedQueryAttention(4, 1, 1, sliding_window=w)
                        .causal_mask(0, T, T))
    except Exception:  # noqa: BLE001 - no evidence either way
        return
    if proof:
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected {(T, T)}, and "
                           f"sliding_window_mask({w}, {T}) gives the right {T}x{T} mask: your "
                           "parameters are in the order (window, num_tokens); the signature is "
                           "sliding_window_mask(num_tokens, window), the size first")


@one_thread
def check_sliding_window_mask(impl):
    earlier = []  # (T, w, your mask): the last two cases repeat a length, then a window
    failed = set()  # the indices of the cases failed so far
    # 2100 > 2048; (5, 4): window = num_tokens - 1; a window of 40,000 is past int16
    sizes = [(6, 3), (5, 1), (4, 7), (9, 4), (7, 5), (2100, 5), (5, 4), (4, 40_000), (6, 2),
             (8, 3)]

    def run(answer, i):
        if max(sizes[i]) > 1000 and min(failed, default=i) < i:  # the learner reads the
            return  # first failure; a loop over a million entries would only cost time
        try:
            _mask_case(answer, *sizes[i], earlier)
        except CheckFailure:
            failed.add(i)
            raise
    cases = [(f"case {i + 1} of {len(sizes) + 2}", lambda answer, i=i: run(answer, i))
             for i in range(len(sizes))]
    cases.append((f"case {len(sizes) + 1} of {len(sizes) + 2}", _shared_mask))
    cases.append((f"case {len(sizes) + 2} of {len(sizes) + 2}", _no_tokens_mask))
    cases.append(("the arguments passed by name", _mask_by_name))
    cases.append(("one token past a tensor made at import", lambda answer: _past_module_table(
        answer, earlier)))
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(impl, cases))


def _past_module_table(impl, earlier):
    """When the answer's module holds a tensor made at import of 2,100 to 8,192 entries along
    its first axis (positions or a mask, longer than every case above tries), the mask for
    one token more than that: a mask must follow num_tokens, not a table's length. Without
    such a tensor only a small call runs (no guess at a length, no large mask for every
    answer); it lets an unfinished answer's NotImplementedError through."""
    found = getattr(impl, "__globals__", {}).values()
    lengths = sorted({int(v.shape[0]) for v in found if isinstance(v, torch.Tensor)
                      and v.dim() >= 1 and 2100 <= v.shape[0] <= 8192})
    if lengths:
        _mask_case(impl, lengths[0] + 1, 5, earlier)
    else:
        impl(3, 2)


def _mask_by_name(impl):
    """sliding_window_mask(num_tokens=5, window=2): the parameters under their own names."""
    what = "sliding_window_mask(num_tokens=5, window=2) (passed by name)"
    got = call_by_name(impl, what, "def sliding_window_mask(num_tokens, window)",
                          num_tokens=5, window=2)
    q, k = torch.arange(5)[:, None], torch.arange(5)[None, :]
    want = (k > q) | (k <= q - 2)
    if not (isinstance(got, torch.Tensor) and got.dtype == torch.bool
            and torch.equal(got, want)):
        raise CheckFailure(f"{what} returned {got!r}, expected {want!r}")


def _mask_case(impl, T, w, earlier):
    """One case of check_sliding_window_mask: the mask for (T, w), after the ``earlier``
    calls' masks."""
    what = f"sliding_window_mask({T}, {w})"
    longer = [("negative dimension", f"the window ({w}) is longer than the {T} tokens "
               "here, so a size such as num_tokens - window is negative: a window that "
               "covers every token leaves nothing too far back (the plain causal mask); "
               "build the far part from positions, which needs no such size, (k > q) | "
               "(k <= q - window)")] if w > T else []
    try:
        got = call_answer(impl, (T, w), what, hints=MASK_DTYPE_HINTS + longer)
    except CheckFailure as err:  # a chained comparison? regrouped, does the code work?
        crash = re.search(r"\(line (\d+) of ", str(err))
        regrouped = "Boolean value of Tensor" in str(err) and _regrouped(
            impl, int(crash.group(1)) if crash else None)
        if not regrouped:
            raise
        call_answer(impl, (T, w), what, hints=[("Boolean value of Tensor", regrouped)])
        raise
    _stale_mask(impl, got, T, w, earlier, what)
    if isinstance(got, torch.Tensor):
        earlier.append((T, w, got.clone()))
    if isinstance(got, torch.Tensor) and got.dim() > 2 and tuple(got.shape[-2:]) == (T, T) \
            and got.numel() == T * T:
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected {(T, T)}: the "
                           "extra leading dimensions of size 1 are for broadcasting, which "
                           "the attention does itself; return the (num_tokens, num_tokens) "
                           "mask")
    if isinstance(got, torch.Tensor) and T > 1 and tuple(got.shape) in ((1, T), (T, 1)) \
            and not bool(got.bool().any()):
        kind = "rows ([None, :])" if got.shape[0] == 1 else "columns ([:, None])"
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected {(T, T)}, and "
                           f"hides nothing: q and k are both {kind}, so each position is "
                           "compared with itself; make q a column and k a row, q = "
                           "torch.arange(num_tokens)[:, None], k = torch.arange(num_tokens)"
                           "[None, :], which broadcast to (num_tokens, num_tokens)")
    if isinstance(got, torch.Tensor) and tuple(got.shape) == (w, w) and w != T:
        _swapped_mask_args(impl, T, w, got, what)
        if w > T and torch.equal(got[:T, :T].bool(), GroupedQueryAttention(
                4, 1, 1, sliding_window=w).causal_mask(0, T, T)):
            raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected {(T, T)}: "
                               f"your mask is window x window, and its first {T} rows and "
                               "columns are the right mask: its size follows the window "
                               f"when the window ({w}) is longer than the tokens (max("
                               "num_tokens, window)?); the mask is num_tokens x num_tokens "
                               "whatever the window")
    if isinstance(got, torch.Tensor) and got.dim() == 2 and got.shape[0] == got.shape[1] \
            < T and got.shape[0] != w and earlier[:-1]:
        raise CheckFailure(f"{what} has shape {tuple(got.shape)}, expected {(T, T)}, after "
                           "right masks for fewer tokens: your masks stop at "
                           f"{got.shape[0]} tokens, as a table of a fixed length "
                           f"({got.shape[0]}: positions or a mask made once at import, or "
                           "a context_length) sliced to num_tokens does; build the "
                           "positions from num_tokens itself, torch.arange(num_tokens)")
    got = _tensor(got, what, (T, T))
    if got.dtype != torch.bool:
        additive = got.is_floating_point() and bool(
            ((got == 0) | (got == float("-inf"))).all()) and bool(torch.isinf(got).any())
        raise CheckFailure(f"{what} has dtype {got.dtype}; return a bool tensor, True "
                           "where a query may NOT see a key" + (
                               ": yours is an additive mask (-inf where hidden, 0 where "
                               "seen, added to the scores); return the bool condition "
                               "itself, which masked_fill uses" if additive else ""))
    expected = GroupedQueryAttention(4, 1, 1, sliding_window=w).causal_mask(0, T, T)
    if torch.equal(got, expected):
        return
    _piled_masks(impl, got, expected, earlier[:-1], T, w)
    regrouped = _regrouped(impl)
    if regrouped:
        raise CheckFailure(f"{what} differs at {int((got != expected).sum())} (query, key) "
                           f"places. {regrouped}")
    in_place = _in_place_undone(impl)
    if in_place:
        raise CheckFailure(f"{what} differs at {int((got != expected).sum())} (query, key) "
                           f"places. {in_place}")
    q, k = torch.arange(T)[:, None], torch.arange(T)[None, :]
    mistakes = _fixed_mask_mistakes(T, w)
    fixed = len(mistakes)
    mistakes += [(f"this is the mask for window={v}; use the window argument ({w})"
                  + (f" (a window longer than the {T} tokens clamped to num_tokens - 1? it "
                     "needs no clamping: then nothing is too far back)"
                     if v == T - 1 and w > T else ""),
                  (k > q) | (k <= q - v)) for v in range(1, min(T, 12) + 1)
                 if v != w and T <= 1000]  # a wrong window shows on the short cases
    for name, top, dtype in (("int8", 127, torch.int8), ("uint8", 255, torch.uint8)):
        pos = torch.arange(T, dtype=dtype)  # small integer positions wrap around
        mistakes.append((
            f"your positions are kept in {name} (torch.arange(..., dtype=torch.{name})?), "
            f"which holds at most {top}" + (" and no negative number: q - window wraps "
                                            "around below 0, so the first queries hide keys "
                                            "they must see, and positions past 255 wrap too"
                                            if top == 255 else
                                            ": positions past it wrap around") +
            "; make positions with torch.arange(num_tokens), int64",
            (pos[None, :] > pos[:, None]) | (pos[None, :] <= pos[:, None] - w)))
    wrapped = None
    if w > 32767:  # an int16 window wraps around: 40,000 becomes 40,000 - 65,536
        pos = torch.arange(T, dtype=torch.int16)
        wrapped = ((pos[None, :] > pos[:, None]) | (pos[None, :] <= pos[:, None] - w),
                   "your positions are kept in int16 (torch.arange(..., dtype=torch.int16)?), "
                   f"which holds at most 32767: q - window with window={w} wraps around to a "
                   "large positive limit, so keys the query must see are hidden (and positions "
                   "past 32767 would wrap too); make positions with torch.arange(num_tokens), "
                   "int64")
    for name, top, dtype in (("float16", 2048, torch.float16), ("bfloat16", 256, torch.bfloat16)):
        pos = torch.arange(T, dtype=dtype)  # whole numbers past `top` round to their neighbours
        if T > top:
            mistakes.append((
                f"your positions are kept in {name} (torch.arange(..., dtype=torch.{name}) or "
                f"a float cast), which holds whole numbers exactly only up to {top}: past it "
                "neighbouring positions round to one value, so long masks go wrong; make "
                "positions with torch.arange(num_tokens), int64",
                (pos[None, :] > pos[:, None]) | (pos[None, :] <= pos[:, None] - w)))
    if w > 2:  # mask[q, :q - window + 1] = True: a negative end counts from the right
        loop = k > q
        for row in range(T):
            loop[row, : row - w + 1] = True
        mistakes.append((
            "the first window - 1 queries hide keys they must see: for q < window - 1 the "
            "slice end q - window + 1 is negative (or the start, in mask[q, q - window + "
            "1:q + 1] = False), and the slice then counts from the row's right end; clamp "
            "it, max(0, q - window + 1)", loop))
    hit = next((i for i, (_, m) in enumerate(mistakes) if torch.equal(got, m)), None)
    cause = None if hit is None else mistakes[hit][0]
    if wrapped is not None and torch.equal(got, wrapped[0]):  # before the fixed patterns
        hit, cause = None, wrapped[1]  # that a huge window makes look alike
    seen_once = ""
    if hit is not None and hit < fixed and not _same_mistake_again(impl, hit):
        seen_once = (f"Here yours equals a known mistake's mask ({cause.split(':')[0]}), but "
                     "not on 12 tokens with window 4, so it is not that mistake: the pattern "
                     "changes with the sizes" + _far_limits(impl) + ". ")
        cause = None
    if cause and cause.startswith("every entry is True") and T > 1 and _whole_index_rows(
            answer_source(impl) or ""):
        cause = ("every entry is True (each key hidden, the diagonal too): mask[torch."
                 "triu_indices(...)] (or tril_indices) indexes dim 0 with the whole (2, K) "
                 "tensor, so it marks whole ROWS (every row number and column number in it), "
                 "not (row, col) pairs; index with its two rows, i = torch.triu_indices(n, n, "
                 "1); mask[i[0], i[1]] = True")
    if cause and cause.startswith("this is the mask for window=") and "clamped" not in cause:
        cause = _window_rule(impl, w, int(cause.split("=")[1].split(";")[0]), T) or cause
    if cause and cause.startswith("the window is one token too"):
        # off by one, or a window fixed in the code that is one off here: probe others
        near = w + 1 if "too wide" in cause else w - 1
        probe = _window_rule(impl, w, near, T) if near >= 1 else None
        cause = probe if probe and ("is ignored" in probe or "halved" in probe) else cause
        if torch.equal(got, k > q) and _causal_windows(impl):  # at window = num_tokens - 1
            # one too wide is the plain causal mask: a special case on the window's size?
            cause = next(c for c, _ in mistakes if c.startswith("this is the plain causal"))
    if cause and cause.startswith("this is the plain causal mask") and w < T:
        cause += _causal_windows(impl)
    if cause and cause.startswith("nothing is hidden") and w >= T:
        q2, k2 = torch.arange(w + 2)[:, None], torch.arange(w + 2)[None, :]
        try:  # right once the window is shorter than the tokens: a shortcut for w >= T
            short = torch.equal(impl(w + 2, w), (k2 > q2) | (k2 <= q2 - w))
        except Exception:  # noqa: BLE001 - no evidence either way
            short = False
        if short:
            cause = (f"with window >= num_tokens ({w} >= {T}) your mask hides nothing, "
                     "yet the future must stay hidden: a window that covers every token "
                     "leaves the plain causal mask (k > q), not an all-False one; drop that "
                     "special case, (k > q) | (k <= q - window) covers it")
    if cause is None:  # inverted or transposed as well as wrong in another way?
        for undo, how in [(~got, "True and False are swapped (True must mark the keys a "
                                 "query may NOT see)"),
                          (got.T, "the mask is transposed (q and k swapped: rows are "
                                  "queries, columns keys)")]:
            other = next((c for c, m in mistakes if torch.equal(undo, m)), None)
            if other is not None:
                cause = f"{how}, and with that undone: {other}"
                break
    inverted = _inverted_ints(impl, T, w) if bool(got.all()) else None
    if inverted:
        cause = ("every entry is True (every key hidden, each query's own too), and your "
                 f"code applied ~ to a tensor of dtype {inverted}: on integers ~ is the "
                 "bitwise NOT, ~1 = -2 and ~0 = -1, both True once cast to bool; invert "
                 "bool tensors only (build the parts as bool, or compare positions), or "
                 "use 1 - band")
    wrong = (got != expected).nonzero().tolist()
    low = min(max(a, b) for a, b in wrong)  # every wrong place has a position >= low
    if cause is None and 128 <= low < 256:
        cause = ("every (query, key) place with both positions below 128 is right, and every "
                 f"wrong place has a query or key of {low} or more: positions kept in int8, "
                 "which holds at most 127, wrap around past it (torch.arange(..., "
                 "dtype=torch.int8)?); make positions with torch.arange(num_tokens), int64")
    if cause is None and low >= 256:  # right on every short distance from the start
        seen_once += (f"Every place with both positions below {low} is right, and every wrong "
                      f"place has a query or key of {low} or more: are positions or the far "
                      "limit kept in a type that loses whole numbers (or halves) there? "
                      "bfloat16 holds whole numbers only up to 256, float16 up to 2,048 (and "
                      "halves only below 1,024); make positions with torch.arange(num_tokens), "
                      "int64, and compare integers. ")
    raise CheckFailure(f"{what} differs at {len(wrong)} (query, key) places, first "
                       f"{wrong[:3]}. " + (cause or seen_once + (
                                           _unfilled(got, expected) or
                                           _mask_contrast(got, expected, q, k, w))))


def _in_place_undone(impl):
    """Evidence that an in-place triu_ or tril_ changed a tensor that another part of the
    mask reads afterwards: with those two made out of place (a new tensor, the input left as
    it was) the answer's own code gives the right masks. "" without such evidence."""
    sizes = [(6, 3), (9, 4), (5, 1)]
    saved = {name: vars(torch.Tensor).get(name) for name in ("triu_", "tril_")}
    used = []

    def out_of_place(name):
        def run(self, diagonal=0):
            used.append(name)
            return getattr(torch, name[:-1])(self, diagonal)
        return run
    try:
        for name in saved:
            setattr(torch.Tensor, name, out_of_place(name))
        right = all(torch.equal(torch.as_tensor(impl(T, w)), GroupedQueryAttention(
            4, 1, 1, sliding_window=w).causal_mask(0, T, T)) for T, w in sizes)
    except Exception:  # noqa: BLE001 - no evidence either way
        right = False
    finally:
        for name, method in saved.items():
            if method is None:
                delattr(torch.Tensor, name)
            else:
                setattr(torch.Tensor, name, method)
    if not right or not used:
        return ""
    return (f"your code calls .{used[0]}() in place, which changes the tensor it is called on, "
            "and another part of the mask is read from that tensor afterwards (future = "
            "ones.triu_(1), then ones.tril(-window) reads the already cut ones): with "
            f"{' and '.join(sorted(set(used)))} made out of place your own code gives the right "
            "masks; use torch.triu(ones, 1) and torch.tril(ones, -window), which leave ones as "
            "it is")


_BIT_OPS = {ast.BitOr: "|", ast.BitAnd: "&", ast.BitXor: "^"}


def _bit_parts(node):
    """The operands and operators of an unparenthesised chain a | b & c, flattened."""
    if isinstance(node, ast.BinOp) and type(node.op) in _BIT_OPS:
        return _bit_parts(node.left) + [_BIT_OPS[type(node.op)]] + _bit_parts(node.right)
    return [node]


class _Regroup(ast.NodeTransformer):
    """Rewrite each comparison that has a bare | or & beside it as the learner meant it:
    every comparison in parentheses, then the | and & between them."""

    SIGNS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==",
             ast.NotEq: "!="}

    def __init__(self):
        self.changes = []  # (line, how Python reads it, as meant, a chained comparison)

    def visit_Compare(self, node):
        self.generic_visit(node)
        operands = [node.left, *node.comparators]
        if not any(len(_bit_parts(o)) > 1 for o in operands) or \
                not all(type(op) in self.SIGNS for op in node.ops):
            return node
        seq, read = [], []  # the flat token sequence, and Python's reading with parentheses
        for i, operand in enumerate(operands):
            parts = _bit_parts(operand)
            seq += [p if isinstance(p, str) else ast.unparse(p) for p in parts]
            read.append(f"({ast.unparse(operand)})" if len(parts) > 1 else ast.unparse(operand))
            if i < len(node.ops):
                seq.append(self.SIGNS[type(node.ops[i])])
                read.append(self.SIGNS[type(node.ops[i])])
        groups, current = [], []
        for tok in seq:
            if tok in _BIT_OPS.values():
                groups += [f"({' '.join(current)})", tok]
                current = []
            else:
                current.append(tok)
        groups.append(f"({' '.join(current)})")
        meant = ast.parse(" ".join(groups), mode="eval").body
        self.changes.append((node.lineno, " ".join(read), ast.unparse(meant), len(node.ops) > 1))
        return ast.copy_location(meant, node)


class _Unchain(ast.NodeTransformer):
    """Rewrite each chained comparison a < b <= c (Python's `and` of the two) as the
    element-wise (a < b) & (b <= c), and each `a and b` / `a or b` as a & b / a | b."""

    def __init__(self):
        self.changes = []  # (line, as written, as meant, what Python reads)

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        word, op = ("and", ast.BitAnd) if isinstance(node.op, ast.And) else ("or", ast.BitOr)
        meant = node.values[0]
        for value in node.values[1:]:
            meant = ast.BinOp(left=meant, op=op(), right=value)
        self.changes.append((node.lineno, ast.unparse(node), ast.unparse(meant),
                             f"Python's `{word}`"))
        return ast.copy_location(meant, node)

    def visit_Compare(self, node):
        self.generic_visit(node)
        if len(node.ops) < 2:
            return node
        operands = [node.left, *node.comparators]
        meant = None
        for i, op in enumerate(node.ops):
            part = ast.Compare(left=operands[i], ops=[op], comparators=[operands[i + 1]])
            meant = part if meant is None else ast.BinOp(left=meant, op=ast.BitAnd(),
                                                         right=part)
        self.changes.append((node.lineno, ast.unparse(node), ast.unparse(meant),
                             "a chained comparison, which Python reads as the comparisons "
                             "joined by `and`"))
        return ast.copy_location(meant, node)


def _rewritten_right(impl, fixer):
    """The changes ``fixer`` (an _Regroup or _Unchain) made to the answer's source, when the
    rewritten code gives the right masks; else None."""
    source = answer_source(impl)
    name = getattr(impl, "__name__", None)
    if not source or not name:
        return None
    try:
        tree = ast.fix_missing_locations(fixer.visit(ast.parse(source)))
        if not fixer.changes:
            return None
        space = {"__name__": "regrouped_answer"}
        exec(compile(tree, "<regrouped answer>", "exec"), space)  # noqa: S102 - the answer's own code
        fixed = space[name]
        right = all(torch.equal(torch.as_tensor(fixed(T, w)), GroupedQueryAttention(
            4, 1, 1, sliding_window=w).causal_mask(0, T, T)) for T, w in [(6, 3), (9, 4), (5, 1)])
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    return fixer.changes if right else None


def _regrouped(impl, line=None):
    """Evidence of a precedence mistake: with every comparison beside a bare | or & put in
    parentheses (or, failing that, every chained comparison a < b <= c split into (a < b) &
    (b <= c) and every `and` / `or` made & / |), the answer's own code gives the right
    masks. The message quotes how Python reads the line (``line``, the crash's, when a
    change is there) and how it was meant; "" when no such line exists or the rewritten code
    is still wrong."""
    changes = _rewritten_right(impl, _Regroup())
    if changes:
        line, read, meant, chained = changes[0]
        return (f"Python's | and & bind tighter than <, <=, > and >=: line {line} reads as "
                f"{read}" + (" (a chained comparison, which asks a whole tensor for one "
                             "True/False)" if chained else "") + f", not as {meant}; with "
                "each comparison in parentheses your code gives the right masks: put them "
                "there")
    changes = _rewritten_right(impl, _Unchain())
    if not changes:
        return ""
    line, written, meant, kind = next((c for c in changes if c[0] == line), changes[0])
    return (f"line {line} holds {written}, {kind}, which asks a whole tensor for one "
            f"True/False; joined element-wise, {meant}, your code gives the right masks: "
            "write it so")


def _inverted_ints(impl, T, w):
    """The dtype of a non-bool tensor the answer applied ~ to (a spy on Tensor.__invert__),
    or None."""
    seen = []
    original = torch.Tensor.__invert__

    def spy(self):
        if self.dtype != torch.bool:
            seen.append(str(self.dtype).replace("torch.", ""))
        return original(self)

    torch.Tensor.__invert__ = spy
    try:
        impl(T, w)
    except Exception:  # noqa: BLE001 - no evidence either way
        pass
    finally:
        torch.Tensor.__invert__ = original
    return seen[0] if seen else None


def _whole_index_rows(source):
    """Whether ``source`` indexes a tensor with a whole triu_indices/tril_indices result,
    mask[torch.triu_indices(...)] or i = torch.triu_indices(...); mask[i], which picks rows."""
    names = re.findall(r"(\w+)\s*=\s*torch\.(?:triu|tril)_indices\(", source)
    return bool(re.search(r"\[\s*torch\.(?:triu|tril)_indices\(", source) or any(
        re.search(rf"\[\s*{name}\s*\]", source) for name in names))


def _fixed_mask_mistakes(T, w):
    """(cause, mask) for the known mistakes whose meaning does not depend on the sizes."""
    expected = GroupedQueryAttention(4, 1, 1, sliding_window=w).causal_mask(0, T, T)
    q, k = torch.arange(T)[:, None], torch.arange(T)[None, :]
    future = "future tokens are visible: a sliding window is also causal (hide k > q)"
    return [
        ("nothing is hidden, every entry is False: are the two conditions joined with & "
         "(both at once, which never happens)? A key is hidden when it is in the future OR "
         "too far back: (k > q) | (k <= q - window)", torch.zeros_like(expected)),
        ("the window is one token too wide: token t sees t - window + 1 .. t, which is "
         "window tokens including itself", (k > q) | (k < q - w)),
        ("the window is one token too narrow: token t sees itself and the window - 1 "
         "tokens before it", (k > q) | (k <= q - w + 1)),
        (future, (k - q).abs() >= w),
        ("a token must see itself: the diagonal (k == q) is hidden; hide k > q, not "
         "k >= q", (k >= q) | (k <= q - w)),
        (future, k <= q - w),
        ("every entry is True (each key hidden, the diagonal too), as when the far part is "
         "tril(..., diagonal=window): the far keys sit below the diagonal, so hide them with "
         "tril(..., diagonal=-window), not diagonal=window", (k > q) | (k <= q + w)),
        ("this is the plain causal mask: also hide keys window or more tokens back",
         k > q),
        ("every query hides the keys that the LAST query finds too far back (k <= "
         "num_tokens - 1 - window, the same limit in every row): the limit moves with the "
         "query, hide k <= q - window", (k > q) | (k <= T - 1 - w)),
        ("the far part is triu(..., diagonal=-window), which marks every key from window "
         "back onwards, the window included; the too-far keys lie below that diagonal: "
         "tril(..., diagonal=-window)", k >= q - w),
        ("far-future keys are visible: the distance wraps around, (q - k) % num_tokens (a "
         "modulo that turns k > q into num_tokens + q - k), so a future key more than "
         "num_tokens - window ahead counts as near: hide k > q on its own, (k > q) | (k <= "
         "q - window)", (q - k) % max(T, 1) >= w),
        ("the mask is transposed (q and k swapped): rows are queries, columns keys; hide "
         "key k from query q when k > q or k <= q - window", expected.T),
        ("True and False are swapped: True must mark the keys a query may NOT see",
         ~expected),
    ]


def _causal_windows(impl):
    """' (on 12 tokens ...)': the windows below 12 for which a fresh copy gives the plain
    causal mask, when it gives the right mask for the others (the far part skipped for some
    windows only); else ''."""
    fresh = fresh_copy(impl)
    q, k = torch.arange(12)[:, None], torch.arange(12)[None, :]
    causal, right = [], []
    for w2 in range(1, 12):
        try:
            got = fresh(12, w2) if fresh is not None else None
        except Exception:  # noqa: BLE001 - no evidence either way
            return ""
        if not isinstance(got, torch.Tensor) or tuple(got.shape) != (12, 12):
            return ""
        if torch.equal(got.bool(), (k > q) | (k <= q - w2)):
            right.append(w2)
        elif torch.equal(got.bool(), k > q):
            causal.append(w2)
        else:
            return ""
    if not causal or not right:
        return ""
    if causal == [11]:  # only window = num_tokens - 1: a shortcut's bound one too low
        return (" (on 12 tokens yours is right for windows 1 .. 10 but the plain causal mask "
                "for window 11 = num_tokens - 1: a special case that returns the causal mask "
                "for window >= num_tokens - 1 (or > num_tokens - 2)? With window = num_tokens "
                "- 1 the last query still hides key 0; only window >= num_tokens leaves "
                "nothing too far back)")
    return (f" (on 12 tokens yours is right for windows {right} but the plain causal mask for "
            f"windows {causal}: the far part is skipped for some windows only, a special case "
            "on the window's size? Any window shorter than the tokens hides the keys window or "
            "more back)")


def _same_mistake_again(impl, index):
    """Whether a fresh copy of the answer, on 12 tokens with window 4, repeats the fixed
    mistake ``index`` (or is right there, a mistake of some sizes only); True without
    evidence."""
    fresh = fresh_copy(impl)
    try:
        again = fresh(12, 4) if fresh is not None else None
    except Exception:  # noqa: BLE001 - no evidence either way
        return True
    if not isinstance(again, torch.Tensor) or tuple(again.shape) != (12, 12):
        return True
    right = GroupedQueryAttention(4, 1, 1, sliding_window=4).causal_mask(0, 12, 12)
    return torch.equal(again.bool(), right) or torch.equal(
        again.bool(), _fixed_mask_mistakes(12, 4)[index][1])


def _far_gap(fresh, n, w):
    """(limits, gap) of a fresh copy's mask on n tokens with window w: the last too-far key
    each query hides (-1: none), and the one q - limit of every query that hides any, or
    None; (None, None) when the mask is not the future plus a run of keys from 0."""
    try:
        got = fresh(n, w).bool() if fresh is not None else None
    except Exception:  # noqa: BLE001 - no evidence either way
        return None, None
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != (n, n):
        return None, None
    q, k = torch.arange(n)[:, None], torch.arange(n)[None, :]
    past = got & (k <= q)
    limits = past.sum(-1) - 1  # the last hidden key of a run 0 .. limit (-1: none)
    if not torch.equal(got & (k > q), k > q) or not torch.equal(past, k <= limits[:, None]):
        return None, None
    gaps = {int(a) - int(b) for a, b in zip(q[:, 0], limits) if b >= 0}
    return limits, (gaps.pop() if len(gaps) == 1 and bool((limits >= 0).any()) else None)


def _far_limits(impl):
    """', and on 12 tokens with window 4 ...': the last too-far key each query hides, yours
    against q - 4, when yours hides the future right and a run of keys from 0, with how
    the limit follows the window (read again on 16 tokens with window 10); else ''."""
    fresh = fresh_copy(impl)
    limits, gap = _far_gap(fresh, 12, 4)
    if limits is None:
        return ""
    other = _far_gap(fresh, 16, 10)[1] if gap is not None and gap != 4 else None
    said = (f"{gap} with window 4 and {other} with window 10: half the window (window // 2 "
            "or window / 2 where window belongs: a window split between the two sides?)"
            if (gap, other) == (2, 5) else
            f"{gap} with window 4 and {other} with window 10: twice the window (2 * window "
            "where window belongs?)" if (gap, other) == (8, 20) else
            f"{gap} with window 4 and with window 10 alike: the far limit ignores the window "
            f"argument (a fixed {gap}?)" if other == gap else
            f"{gap} = window {gap - 4:+d}, and {other} = window {other - 10:+d} with window "
            f"10: the far limit is off by {gap - 4:+d} at every window"
            if other is not None and other - 10 == gap - 4 else
            f"{gap} with window 4, {other} with window 10" if other is not None else
            "8 is twice this window: 2 * window where window belongs?" if gap == 8 else
            f"{gap} = window {gap - 4:+d}")
    rule = "" if gap is None or gap == 4 else (
        f" (yours hides k <= q - {gap} wherever it hides any, {said})")
    q = torch.arange(12)
    return (f"; on 12 tokens with window 4, the last key each query q = 0 .. 11 hides is "
            f"{limits.tolist()} (-1: none), where q - window gives {(q - 4).tolist()}"
            f"{rule}: see how your far limit follows q")


def _no_tokens_mask(impl):
    """No tokens (an empty prompt or cache) give an empty (0, 0) bool mask."""
    what = "sliding_window_mask(0, 3) (no tokens)"
    got = call_answer(impl, (0, 3), what, hints=[(
        "non-empty TensorList", "the rows are built one query at a time and joined with "
        "torch.stack, which fails on a list of none: build the whole mask at once from "
        "positions, q = torch.arange(num_tokens)[:, None], k = torch.arange(num_tokens)[None, "
        ":], (k > q) | (k <= q - window), which gives an empty mask for no tokens")])
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != (0, 0) or \
            got.dtype != torch.bool:
        yours = (f"shape {tuple(got.shape)}, dtype {got.dtype}" if isinstance(
            got, torch.Tensor) else type(got).__name__)
        raise CheckFailure(f"{what} returned {yours}; expected an empty (0, 0) bool mask "
                           "(comparing positions, (k > q) | (k <= q - window), gives it)")


def _shared_mask(impl):
    """Fail when a caller's in-place edit of one mask shows up in a later call's mask: the
    answer hands out one shared tensor (a cache, or a view of a module-level table)."""
    what = "sliding_window_mask(7, 3)"
    first = call_answer(impl, (7, 3), what)
    if not isinstance(first, torch.Tensor) or first.shape != (7, 7) or not bool(first[6, 0]):
        return
    try:
        first[6, 0] = False  # a caller un-hides one key of its own mask in place
    except RuntimeError:  # a read-only expanded view: no caller can edit it either
        return
    second = call_answer(impl, (7, 3), what + ", called again")
    if isinstance(second, torch.Tensor) and second.shape == (7, 7) and not bool(second[6, 0]):
        same = "the same tensor object" if second is first else "a view of the same memory"
        raise CheckFailure(
            f"calling {what} twice returned {same}: after the first caller set mask[6, 0] = "
            "False in place, the second call's mask has key 0 visible to query 6 as well. "
            "Something is shared between calls (functools.cache or lru_cache, a dict of "
            "masks, or a slice of a mask built once at import); build a new tensor on every "
            "call (or return cached.clone())")


def _piled_masks(impl, got, expected, earlier, T, w):
    """Fail when the mask is the right one plus what earlier calls hid and a freshly loaded
    copy of the answer gets this call right: the calls write into one shared table (an
    in-place |=). Other state kept between calls is left to state_probed."""
    if not earlier:
        return
    piled = expected.clone()
    for T0, _, old in earlier:
        n = min(T0, T)
        if old.dtype == torch.bool and old.dim() == 2:
            piled[:n, :n] |= old[:n, :n]
    if not torch.equal(got, piled):
        return
    fresh = fresh_copy(impl)
    try:
        alone = fresh is not None and torch.equal(fresh(T, w), expected)
    except Exception:  # noqa: BLE001 - no evidence either way
        alone = False
    if alone:
        calls = ", ".join(f"({T0}, {w0})" for T0, w0, _ in earlier)
        raise CheckFailure(
            f"sliding_window_mask({T}, {w}) is wrong after the earlier calls {calls}, yet a "
            "freshly loaded copy of your file gets it right: your code keeps state between "
            "calls, it hides every key the earlier masks hid as well. The calls write into one "
            "shared tensor: a slice of a mask built once at import (mask = FULL[:n, :n]) is a "
            "view, and mask |= ... changes FULL itself; build a new tensor on every call ((k > "
            "q) | (k <= q - window), or FULL[:n, :n] | band, which is a new tensor)")


def _stale_mask(impl, got, T, w, earlier, what):
    """Fail when a call returns an earlier call's mask and a freshly loaded copy gets this
    call right: state kept between calls (a cache keyed by one argument only)."""
    right = GroupedQueryAttention(4, 1, 1, sliding_window=w).causal_mask(0, T, T)
    for T0, w0, old in earlier:
        if isinstance(got, torch.Tensor) and got.shape == old.shape and torch.equal(got, old) \
                and not torch.equal(got, right) and (T0 == T or w0 == w) and \
                fresh_calls_right(impl, [((T, w), lambda mask: torch.equal(mask, right))]):
            key = "num_tokens" if T0 == T else "window"
            raise CheckFailure(f"{what} returned the mask of the earlier call "
                               f"sliding_window_mask({T0}, {w0}), while a freshly loaded copy "
                               "of your file gets it right: your code keeps state between "
                               f"calls (a cache keyed by {key} alone?); compute the mask from "
                               "both arguments each time")


def _window_rule(impl, w, v, T_w=None):
    """Your mask for ``window=w`` is the right one for ``window=v``: probe other windows on 12
    tokens to tell a window read off by a constant from a window ignored (fixed at ``v``) or
    read as ``num_tokens - window`` (``T_w`` is the failing case's num_tokens)."""
    T = 12
    q, k = torch.arange(T)[:, None], torch.arange(T)[None, :]
    seen = {}
    for w2 in (2, 5, 8):
        try:
            got = impl(T, w2)
        except Exception:  # noqa: BLE001 - no evidence either way
            return None
        seen[w2] = next((v2 for v2 in range(1, T + 1) if isinstance(got, torch.Tensor)
                         and tuple(got.shape) == (T, T)
                         and torch.equal(got, (k > q) | (k <= q - v2))), None)
    if None in seen.values():
        return None
    shown = ", ".join(f"window={a} gives that of window={b}" for a, b in seen.items())
    if len(set(seen.values())) == 1 and v in seen.values():
        return (f"this is the mask for window={v} whatever the window argument (on 12 tokens "
                f"{shown}): the argument is ignored, {v} is fixed in the code; use the window "
                f"argument ({w})")
    if T_w is not None and v == T_w - w and all(b == T - a for a, b in seen.items()):
        return (f"this is the mask for window={v} = num_tokens - window ({T_w} - {w}), and on "
                f"12 tokens {shown}, always num_tokens - window: the far condition uses "
                "num_tokens - window (tril(..., diagonal=-(num_tokens - window))?); hide k <= "
                "q - window, tril(..., diagonal=-window)")
    halved = next((how for how, rule in [
        ("window // 2 tokens back besides itself (q - k > window // 2 hidden)",
         lambda a: a // 2 + 1), ("window // 2 tokens in all, itself included",
                                 lambda a: a // 2), ("(window + 1) // 2 tokens in all, itself "
                                                     "included", lambda a: (a + 1) // 2)]
        if all(b == rule(a) for a, b in seen.items())), None)
    if halved:
        return (f"this is the mask for window={v}, and on 12 tokens {shown}: each query sees "
                f"{halved}, the window halved, as a symmetric window (window // 2 on each side, "
                "Longformer's) would be; here the whole window lies behind the query: token q "
                "sees keys q - window + 1 .. q, so hide k > q or k <= q - window")
    step = v - w
    if all(b - a == step for a, b in seen.items()):
        wide = "wider" if step > 0 else "narrower"
        return (f"this is the mask for window={v}, and the window is always {abs(step)} tokens "
                f"{wide} than the argument (on 12 tokens {shown}): the far condition is off by "
                f"{abs(step)}; token q sees keys q - window + 1 .. q, so hide k <= q - window "
                "(tril(..., diagonal=-window))")
    return None


def _unfilled(got, expected):
    """When every wrong place lies in rows (or columns) that are all False in yours and the
    rest is right: those rows or columns were never filled, a loop range off by one."""
    T = got.shape[0]
    bad = got != expected
    for axis, name in ((1, "query"), (0, "key")):
        lines = sorted(set(bad.nonzero()[:, 1 - axis].tolist()))
        empty = [i for i in lines if not got.select(1 - axis, i).any()]
        if not lines or empty != lines:
            continue
        loop = ("stops one row short (range(num_tokens - 1))" if lines == [T - 1] else
                "starts one row late (range(1, num_tokens))" if lines == [0] else
                "skips them") if name == "query" else (
                "over the keys stops one short (range(num_tokens - 1))" if lines == [T - 1]
                else "over the keys skips them")
        which = "rows" if name == "query" else "columns"
        if name == "key" and lines == [0]:
            return ("key 0 is never hidden (column 0 is all False) and the rest is right: is "
                    "the first token kept visible on purpose, as an attention sink (gpt-oss, "
                    "StreamingLLM)? This mask has no sink: key 0 is hidden like any other once "
                    "it is window or more tokens back, (k > q) | (k <= q - window)")
        return (f"the {name} {which} {lines} are all False (nothing hidden there) and the "
                f"rest is right: they were never filled, as when a loop {loop}; fill all {T} "
                f"{which}")
    return None


def _mask_contrast(got, expected, q, k, w):
    """What a wrong mask shows or hides, by region: the future, the window, too far back."""
    regions = [("future keys (k > q)", k > q), (f"keys within the window (q - {w} < k <= q)",
               (k <= q) & (k > q - w)), (f"keys too far back (k <= q - {w})", k <= q - w)]
    parts = []
    for name, region in regions:
        shown, hidden = region & ~got & expected, region & got & ~expected
        for n, cells, what in [(int(shown.sum()), shown, "must be hidden"),
                               (int(hidden.sum()), hidden, "must be visible")]:
            if n:
                rows = sorted({int(r) for r in cells.nonzero()[:, 0]})
                parts.append(f"{'shows' if cells is shown else 'hides'} {n} {name} that "
                             f"{what} (queries {rows[:6]}{' ...' if len(rows) > 6 else ''})")
    n = got.shape[0]
    keys = torch.arange(n)
    shift = next((o for o in (1, -1) if torch.equal(got, torch.stack([
        (keys > r + o) | (keys <= r + o - w) for r in range(n)]))), None)
    moved = (f" Every row is the right row of query q {shift:+d} (yours equals the mask with "
             f"the queries counted {'from 1' if shift > 0 else 'from -1'}): the visible keys "
             f"of query q run {'q - window + 2 .. q + 1' if shift > 0 else 'q - window .. q - 1'}"
             ", both ends one too " + ("high" if shift > 0 else "low") + " (a loop such as "
             + ("range(q - window + 2, q + 2)" if shift > 0 else "range(q - window, q)") +
             ", or the two aranges offset by one); they are q - window + 1 .. q, "
             "range(q - window + 1, q + 1)." if shift else "")
    wrong = int((got != expected).sum())
    near = [(f"{name} differs at only {int((m != expected).sum())} places, against your "
             f"{wrong}: {why}") for name, m, why in [
        ("yours transposed (mask.T)", got.T, "rows must be the queries, columns the keys (q "
         "and k swapped?)"),
        ("yours inverted (~mask)", ~got, "True must mark the keys a query may NOT see")]
        if 2 * int((m != expected).sum()) < wrong]
    first = int((got != expected).any(-1).nonzero()[0, 0])  # the first query that differs
    row = (f" Query {first} sees keys {(~got[first]).nonzero()[:, 0].tolist()[:12]}, "
           f"expected {(~expected[first]).nonzero()[:, 0].tolist()[:12]}.")
    seen = (~got & (k <= q)).sum(-1).tolist()  # how many keys each query sees
    if n > w > 1 and seen == [i % w + 1 for i in range(n)]:
        row += (f" The number of keys each query sees, {seen[:2 * w]}, restarts every {w} "
                "queries: your queries see their own block of window tokens (q // window, "
                "chunked attention); a sliding window moves with each query, keys q - window "
                "+ 1 .. q.")
    used = int((~got[-1]).sum()) if n else 0  # the keys the last query sees: its window?
    if 0 < used != w and not moved and torch.equal(got, (k > q) | (k <= q - used)):
        row += (f" Yours is exactly the mask of window = {used} for these {n} tokens, not "
                f"window = {w}: the window is changed inside (scaled, clamped or recomputed "
                "from num_tokens?); use the window passed in as it is.")
    gaps = sorted({int(g) for g in (q - k)[got != expected]})  # q - k of every wrong place
    if len(gaps) == 1 and not moved:
        g = gaps[0]
        whole = bool(((q - k) == g)[got != expected].sum() == ((q - k) == g).sum())
        row += (" Every difference lies on one diagonal, k = q "
                + (f"- {g}" if g >= 0 else f"+ {-g}")
                + (" (the whole diagonal" if whole else " (part of that diagonal") +
                (f", the farthest one, num_tokens - 1 = {n - 1} back: " if g == n - 1 else
                 f", the nearest too-far one, window = {w} back: " if g == w else
                 ", the main diagonal: " if g == 0 else ": ")
                + "a loop over diagonals or rows that stops one short or starts one late, "
                "or a diagonal= argument off by one?).")
    return ("yours " + "; ".join(parts) + "." + moved + (" " + near[0] + "." if near else "")
            + row + " Hide key k from query q when k > q or k <= q - window (True = hidden).")


EXERCISES = [
    Exercise(id="ex4_20", file="ex4_20_rms_norm.py", entry="RMSNorm",
             title="RMSNorm (bonus: Llama and Qwen3)", check=check_rms_norm),
    Exercise(id="ex4_21", file="ex4_21_rope.py", entry="apply_rope",
             title="Rotary position embeddings (bonus)", check=check_rope),
    Exercise(id="ex4_22", file="ex4_22_repeat_kv.py", entry="repeat_kv",
             title="Repeating key/value heads for GQA (bonus)", check=check_repeat_kv),
    Exercise(id="ex4_23", file="ex4_23_top_k_routing.py", entry="route_tokens",
             title="Top-k routing with renormalised weights (bonus: MoE)",
             check=check_top_k_routing),
    Exercise(id="ex4_24", file="ex4_24_sliding_window_mask.py", entry="sliding_window_mask",
             title="The sliding-window mask (bonus: SWA)", check=check_sliding_window_mask),
]
