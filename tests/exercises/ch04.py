"""Checks for the chapter 4 exercises (the GPT model).

Each check gets the entry point loaded from the file under test and raises ``CheckFailure`` with
a message that says what is wrong, how far off, and the likely cause. Expected values come from
``llmscratch`` (the verified reference). Every check runs at least two configurations whose sizes
are pairwise distinct (vocabulary, context, width, heads, layers, batch and tokens never equal),
with inputs shorter than the context, both ``qkv_bias`` settings and several dropout rates, so
that swapped or hard-coded values show.

Hints come from evidence: where an answer is wrong, the check applies the usual mistakes to the
reference (the ideas of the kept mutants in ``tests/exercises/mutants/ch04/``) and names the one
that reproduces the learner's output; otherwise it says plainly what differs, with numbers.
Dropout placement is located by running the learner's module and the reference in training mode
under the same seed: the same masks are drawn only when dropout sits in the same places.
Contracts checked directly: inputs are not changed in place, sub-modules are created in the
book's order, the positions follow ``in_idx`` to its device (the model is run on the "meta"
device while embedding lookups are watched), and the KV-cache generator's calls, resets and
defaults are recorded. Gradients are compared too where a detached tensor would leave the
output right (LayerNorm's statistics, the block's shortcuts).

Longer than our usual 400 lines on purpose: each check replays many known mistakes on two
or more configurations, and the checks of a chapter share their helpers (models, inputs,
replays); ``<chapter>_<part>.py`` files hold separate parts such as the bonus exercises.
"""

from __future__ import annotations

import copy
import inspect
import io
import math
import re
import tokenize
import traceback
import warnings

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode

import llmscratch
from llmscratch import (
    GPT_CONFIG_124M,
    FeedForward,
    GPTModel,
    TransformerBlock,
    count_parameters,
    generate_text_simple,
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
    fresh_copy,
    likely_cause,
    non_contiguous,
    one_thread,
    raised_not_implemented,
    same_under_two_seeds,
    state_probed,
    tensors_not_on,
)

# Two configurations with pairwise distinct sizes (batch and tokens included).
CFG_A = {"vocab_size": 50, "context_length": 12, "emb_dim": 16, "n_heads": 4, "n_layers": 2,
         "drop_rate": 0.0, "qkv_bias": True}
CFG_B = {"vocab_size": 40, "context_length": 9, "emb_dim": 24, "n_heads": 6, "n_layers": 3,
         "drop_rate": 0.0, "qkv_bias": False}
BATCH_TOKENS = {"A": (3, 7), "B": (2, 5)}  # both shorter than the configs' contexts (12, 9)
CONFIGS = {"A": CFG_A, "B": CFG_B}


# A constructor whose weights stay the same under two outer seeds seeds itself.
SEEDS_ITSELF = ("your constructor calls torch.manual_seed itself, so every model gets the same "
                "weights whatever seed the caller set: leave seeding to the caller")


# What a crash on a transposed or sliced input (x.view on a non-contiguous tensor) means.
VIEW_NEEDS_CONTIGUOUS = ("view size is not compatible", "x.view(...) needs a contiguous "
                         "tensor, and a transposed or sliced input is not one: use "
                         "x.reshape(...), or leave the shape alone (nn.Linear, LayerNorm and "
                         "attention work on any leading dimensions)")


GPT2_SIZES = {"50257": "vocab_size", "1024": "context_length", "768": "emb_dim",
              "3072": "4 * emb_dim"}


def _hard_coded(text):
    """' (... is hard-coded ...)' when ``text`` shows one of GPT-2 small's sizes, else ''."""
    found = [(v, k) for v, k in GPT2_SIZES.items()
             if re.search(rf"(?<![\d.]){v}(?![\d.])", text.replace(",", ""))]
    if not found:
        return ""
    v, k = found[0]
    return (f"; {v} is GPT-2 small's {k}, hard-coded: take the sizes from the config "
            f"(cfg[{k!r}])" if k in GPT_CONFIG_124M else
            f"; {v} is GPT-2 small's {k}, hard-coded: use 4 * cfg['emb_dim']")


def _describe(cfg):
    keys = ("vocab_size", "context_length", "emb_dim", "n_heads", "n_layers", "qkv_bias")
    return ", ".join(f"{k}={cfg[k]}" for k in keys if k in cfg)


def _as_tensor(value, what, shape=None):
    """The learner's ``value`` as a tensor, or a CheckFailure that says what came back."""
    if not isinstance(value, torch.Tensor):
        raise CheckFailure(f"{what} is a {type(value).__name__}, expected a tensor"
                           + (f" of shape {tuple(shape)}" if shape is not None else ""))
    if shape is not None and tuple(value.shape) != tuple(shape):
        flat = (value.dim() == 2 and len(shape) == 3 and value.numel() == math.prod(shape)
                and value.shape[-1] == shape[-1])
        squeezed = (not flat and 1 in tuple(shape)
                    and tuple(value.shape) == tuple(d for d in shape if d != 1))
        if not flat and not squeezed and value.dim() == 1 < len(shape) and \
                value.numel() == math.prod(shape):
            raise CheckFailure(f"{what} has shape {tuple(value.shape)}, expected "
                               f"{tuple(shape)}: the same number of values in ONE dimension, "
                               "flattened (view(-1), flatten() or reshape(-1)) and never "
                               "reshaped back; keep the input's shape")
        raise CheckFailure(f"{what} has shape {tuple(value.shape)}, expected {tuple(shape)}"
                           + (f": the batch and token dimensions are flattened into one "
                              f"({shape[0]} x {shape[1]} = {value.shape[0]}) and never "
                              f"restored; nn.Linear works on any leading dimensions, so pass "
                              f"x as it is, or reshape the result back to {tuple(shape)}"
                              if flat else ": the dimensions of size 1 were dropped "
                              "(squeeze()?); keep the input's shape, a batch of one included"
                              if squeezed else ""))
    return value.detach()


def _module(value, what):
    if not isinstance(value, torch.nn.Module):
        raise CheckFailure(f"{what} returned a {type(value).__name__}, expected an nn.Module")
    if "_modules" not in vars(value):  # nn.Module.__init__ never ran: every later call fails
        raise CheckFailure(f"{what} was built without nn.Module's own setup: call "
                           "super().__init__() first in __init__ (without it the module has "
                           "no hooks, parameters or state_dict, and calling it fails)")
    return value


def _no_shared_modules(module, what):
    """Fail when two attributes hold the same sub-module (its weights would be tied)."""
    seen = {}
    for name, sub in module.named_modules(remove_duplicate=False):
        if name and any(True for _ in sub.parameters()) and id(sub) in seen:
            blocks = name.rsplit(".", 1)[-1].isdigit()  # items of a list: [block] * n
            raise CheckFailure(f"{what}: {name} and {seen[id(sub)]} are the same module object, "
                               "so they share their weights: create a new module for each"
                               + (" (for the blocks: [TransformerBlock(cfg) for _ in "
                                  "range(n_layers)], not [block] * n_layers)" if blocks else
                                  f" (self.{seen[id(sub)]} = ... and self.{name} = ..., each "
                                  "with its own constructor call, not a = b = Module(...))"
                                  if "." not in name else ""))
        seen.setdefault(id(sub), name)


def _token_contrast(got, expected, alone):
    """Which positions of a (batch, tokens, ...) output differ; ``alone`` says why the first
    position is telling (it is computed from itself only)."""
    n = got.shape[1]
    bad = [t for t in range(n) if not torch.allclose(got[:, t], expected[:, t], atol=1e-5)]
    if len(bad) == n:
        return f"all {n} positions differ, the first one too ({alone})"
    return (f"positions {bad} of {n} differ and {[t for t in range(n) if t not in bad]} match "
            f"({alone})")


def _same_on_non_contiguous(module, x, expected, what, fix=""):
    """``module`` on a non-contiguous copy of ``x`` must still give ``expected``."""
    again = _as_tensor(call_answer(module, (non_contiguous(x),), f"{what} on a non-contiguous "
                                   "input", [VIEW_NEEDS_CONTIGUOUS]),
                       f"{what} on a non-contiguous input", x.shape)
    assert_close(again, expected, what=f"{what} on a non-contiguous copy of the input",
                 atol=1e-5, hint="the same values laid out differently in memory give another "
                 "result: do not rely on the memory layout of x (view, as_strided, data_ptr)"
                 + fix)


def _forward(module, x, what, hint):
    """Call the learner's module; turn a crash on a valid input into a message with ``hint``."""
    try:
        return module(x)
    except (RuntimeError, ValueError, IndexError) as err:
        raise CheckFailure(f"{what}: the forward pass raised {type(err).__name__}: "
                           f"{str(err)[:200]}. {hint}") from err
    except TypeError as err:
        if "forward()" not in str(err):
            raise  # an error inside the answer: the framework quotes its line
        raise CheckFailure(f"{what}: calling forward with the input alone raised TypeError: "
                           f"{str(err)[:200]}. forward takes the input only, forward(self, x), "
                           "as GPTModel calls it") from err


# --- ex4_1: LayerNorm ----------------------------------------------------------------------------


WRONG_EPS = (0.0, 1e-12, 1e-8, 1e-7, 1e-6, 2e-5, 5e-5, 1e-4, 1e-3)


def _norm_mistakes(x, scale, shift, eps=1e-5):
    """What the usual LayerNorm mistakes compute on ``x``, with the same scale and shift."""
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True, unbiased=False)
    norm = {
        "you used the unbiased variance (dividing by emb_dim - 1); GPT-2 divides by emb_dim: "
        "use x.var(dim=-1, keepdim=True, unbiased=False)":
            (x - mean) / torch.sqrt(x.var(-1, keepdim=True, unbiased=True) + eps),
        "eps is added outside the square root: divide by torch.sqrt(var + eps)":
            (x - mean) / (torch.sqrt(var) + eps),
        "the tokens are centred on their MEDIAN (x.median(...)), not their mean: subtract "
        "x.mean(dim=-1, keepdim=True)": (x - x.median(-1, keepdim=True).values) / torch.sqrt(
            ((x - x.median(-1, keepdim=True).values) ** 2).mean(-1, keepdim=True) + eps),
        "the tokens are centred on their MEDIAN (x.median(...)) while the variance is right: "
        "subtract x.mean(dim=-1, keepdim=True)":
            (x - x.median(-1, keepdim=True).values) / torch.sqrt(var + eps),
        "sqrt(eps) is added to the standard deviation, torch.sqrt(var) + eps ** 0.5; eps "
        "goes inside the root: torch.sqrt(var + eps)":
            (x - mean) / (torch.sqrt(var) + eps**0.5),
        "eps is added to the inverse standard deviation, torch.rsqrt(var) + eps, outside the "
        "root: divide by torch.sqrt(var + eps), or multiply by torch.rsqrt(var + eps)":
            (x - mean) * (torch.rsqrt(var) + eps),
        "eps is added twice, inside and again outside the square root: divide by "
        "torch.sqrt(var + eps) only": (x - mean) / (torch.sqrt(var + eps) + eps),
        "the standard deviation is under the square root, torch.sqrt(std + eps), so you divide "
        "by var ** 0.25: put the variance there, torch.sqrt(var + eps)":
            (x - mean) / torch.sqrt(var.sqrt() + eps),
        "eps is added to the normalised value, (x - mean) / torch.sqrt(var) + eps, so it "
        "never protects the division: add it to the variance, torch.sqrt(var + eps)":
            (x - mean) / torch.sqrt(var) + eps,
        "the mean and the variance are swapped: you subtracted the variance and divided by the "
        "root of the mean (torch.var_mean returns (var, mean), in that order)":
            (x - var) / torch.sqrt(mean + eps),
        "the mean and the standard deviation are swapped: torch.std_mean returns (std, mean),"
        " in that order, so you subtracted the std and divided by the mean":
            (x - var.sqrt()) / torch.sqrt(mean**2 + eps),
        "the mean and the standard deviation are swapped (torch.std_mean returns (std, mean), "
        "in that order, and its default correction=1 is the unbiased one): unpack std, mean = "
        "torch.std_mean(x, dim=-1, keepdim=True, correction=0)":
            (x - x.std(-1, keepdim=True)) / torch.sqrt(mean**2 + eps),
        "you normalised over the wrong dimension: use dim=-1 (each token vector)":
            (x - x.mean(0, keepdim=True)) / torch.sqrt(x.var(0, keepdim=True, unbiased=False)
                                                       + eps),
        "the variance is taken over the whole tensor (x.var() without dim): use "
        "x.var(dim=-1, keepdim=True, unbiased=False)":
            (x - mean) / torch.sqrt(x.var(unbiased=False) + eps),
        "the variance averages (x - mean) ** 2 over the whole tensor (.mean() without "
        "dim=-1), so every token is divided by one and the same number: average per token, "
        "((x - mean) ** 2).mean(dim=-1, keepdim=True)":
            (x - mean) / torch.sqrt(((x - mean) ** 2).mean() + eps),
        "the mean is taken over the whole tensor (x.mean() without dim): use "
        "x.mean(dim=-1, keepdim=True)": (x - x.mean()) / torch.sqrt(var + eps),
        "you divided by the variance; divide by its square root, the standard deviation: "
        "(x - mean) / torch.sqrt(var + eps)": (x - mean) / (var + eps),
        "the mean is not subtracted before dividing: (x - mean) / torch.sqrt(var + eps)":
            x / torch.sqrt(var + eps),
        "the sign is flipped: you computed (mean - x); centre as x - mean, so a value above "
        "its token's mean comes out positive": (mean - x) / torch.sqrt(var + eps),
        "the mean is subtracted twice (x - mean, then the mean again, as in x = x - mean "
        "followed by (x - mean) / ...): subtract it once": (x - 2 * mean) / torch.sqrt(var + eps),
        "eps is also subtracted with the mean, x - (mean + eps): eps belongs only inside the "
        "root, (x - mean) / torch.sqrt(var + eps)": (x - mean - eps) / torch.sqrt(var + eps),
        "eps is also added to the centred values, x - mean + eps: eps belongs only inside the "
        "root, (x - mean) / torch.sqrt(var + eps)": (x - mean + eps) / torch.sqrt(var + eps),
        "the centred values are never divided (norm_x = x - mean): divide them by the "
        "standard deviation, (x - mean) / torch.sqrt(var + eps)": x - mean,
        "you divided by var + eps ** 0.5: ** binds tighter than +, so the root is taken of eps "
        "alone and the variance is never rooted; write (var + self.eps) ** 0.5 or "
        "torch.sqrt(var + self.eps)": (x - mean) / (var + eps**0.5),
        "the root is written ** 1/2 (or the inverse root ** -1/2): ** binds tighter than /, so "
        "(var + eps) ** 1/2 is (var + eps) / 2, and you divide by 2 * (var + eps); write "
        "(var + self.eps) ** 0.5 or torch.sqrt(var + self.eps)": (x - mean) / (var + eps) / 2,
        "parentheses are missing: x - mean / torch.sqrt(var + eps) divides only the mean, so "
        "x itself is never divided; write (x - mean) / torch.sqrt(var + self.eps)":
            x - mean / torch.sqrt(var + eps),
        "the variance is a SUM of squared deviations (dividing the centred vector by its L2 "
        "norm, F.normalize or torch.norm, does the same); it is their mean (divide by "
        "emb_dim)":
            (x - mean) / torch.sqrt(((x - mean) ** 2).sum(-1, keepdim=True) + eps),
        "the variance is the mean of x**2, not centred: take the mean of (x - mean)**2 "
        "(x.var(dim=-1, keepdim=True, unbiased=False))":
            (x - mean) / torch.sqrt((x**2).mean(-1, keepdim=True) + eps),
        "the variance is mean(x**2) - mean, with the mean not squared: it is mean(x**2) - "
        "mean**2, or better the mean of (x - mean)**2 (x.var(dim=-1, keepdim=True, "
        "unbiased=False))":
            (x - mean) / torch.sqrt((x**2).mean(-1, keepdim=True) - mean + eps),
        "you divided by the mean absolute deviation, mean(|x - mean|); divide by the standard "
        "deviation, the root of the mean of SQUARED deviations: torch.sqrt(var + eps)":
            (x - mean) / ((x - mean).abs().mean(-1, keepdim=True) + eps),
        "you divided by the mean absolute deviation, mean(|x - mean|) (squared, then rooted); "
        "divide by the standard deviation, the root of the mean of SQUARED deviations":
            (x - mean) / torch.sqrt((x - mean).abs().mean(-1, keepdim=True) ** 2 + eps),
    }
    for d in range(x.dim() - 1):  # the variance alone over another dimension
        norm[f"the mean is over the last dimension, but the variance is over dim={d - x.dim()}"
             f" (size {x.shape[d]}); take both over each token vector, "
             "x.var(dim=-1, keepdim=True, unbiased=False)"] = (
            (x - mean) / torch.sqrt(x.var(d, keepdim=True, unbiased=False) + eps))
    for d in range(x.dim() - 1):  # squared deviations from the token mean, averaged elsewhere
        alone = (" (with a size of 1 that leaves each value's own squared deviation, so every "
                 "output is about +-1)" if x.shape[d] == 1 else "")
        norm[f"the variance averages the squared deviations (x - mean)**2 over dim={d - x.dim()}"
             f" (size {x.shape[d]}), not over the last dimension{alone}: "
             "((x - mean)**2).mean(dim=-1, keepdim=True)"] = (
            (x - mean) / torch.sqrt(((x - mean) ** 2).mean(d, keepdim=True) + eps))
    for d in range(x.dim() - 1):  # the mean alone over another dimension
        norm[f"the variance is over the last dimension, but the mean is over dim={d - x.dim()}"
             f" (size {x.shape[d]}); take both over each token vector, "
             "x.mean(dim=-1, keepdim=True)"] = (
            (x - x.mean(d, keepdim=True)) / torch.sqrt(var + eps))
    for d in range(x.dim() - 1):  # a sum divided by the size of another dimension
        if x.shape[d] not in (1, x.shape[-1]):
            norm[f"the variance divides by x.shape[{d}] = {x.shape[d]}, not by emb_dim = "
                 f"{x.shape[-1]}: take the mean over the last dimension, "
                 "x.var(dim=-1, keepdim=True, unbiased=False)"] = (
                (x - mean) / torch.sqrt(((x - mean) ** 2).sum(-1, keepdim=True) / x.shape[d]
                                        + eps))
    norm["the mean is the plain SUM of each token vector (nothing divides it by emb_dim = "
         f"{x.shape[-1]}; a sum divided by a dimension of size 1, such as x.shape[0] of a "
         "single row, stays the sum): use x.mean(dim=-1, keepdim=True)"] = (
        (x - x.sum(-1, keepdim=True)) / torch.sqrt(var + eps))
    for d in range(x.dim() - 1):  # the mean as a sum divided by the size of another dimension
        if x.shape[d] not in (1, x.shape[-1]):
            norm[f"the mean divides the sum by x.shape[{d}] = {x.shape[d]}, not by emb_dim = "
                 f"{x.shape[-1]}: use x.mean(dim=-1, keepdim=True)"] = (
                (x - x.sum(-1, keepdim=True) / x.shape[d]) / torch.sqrt(var + eps))
    if x.dim() > 2:  # the statistics of each whole sequence (tokens and features together)
        dims = (-2, -1)
        norm["the mean and variance are taken over the last two dimensions (tokens and "
             "features together, dim=(-2, -1)); take them over each token vector alone, "
             "dim=-1"] = ((x - x.mean(dims, keepdim=True))
                          / torch.sqrt(x.var(dims, keepdim=True, unbiased=False) + eps))
    if x.dim() > 3:  # dim=2 is the last dimension of a 3-D input only
        norm["you normalised over dim=2, which is the last dimension only for 3-D inputs "
             "(batch, num_tokens, emb_dim); a 4-D input has its features in dim 3: use dim=-1, "
             "for every number of dimensions"] = (
            (x - x.mean(2, keepdim=True)) / torch.sqrt(x.var(2, keepdim=True, unbiased=False)
                                                       + eps))
    if x.dim() > 2:  # dim=1 is the last dimension of a 2-D input only
        norm["you normalised over dim=1, which is the last dimension only for 2-D inputs; a "
             "batch is (batch, num_tokens, emb_dim): use dim=-1"] = (
            (x - x.mean(1, keepdim=True)) / torch.sqrt(x.var(1, keepdim=True, unbiased=False)
                                                       + eps))
    for wrong_eps in WRONG_EPS:
        norm[f"eps is {wrong_eps:g}, not 1e-5 (it matters for tokens with a tiny variance)"] = (
            (x - mean) / torch.sqrt(var + wrong_eps))
    if x.shape[-1] > 2:  # an off-by-one slice: one end feature left out of a statistic
        for part, cut in (("first", slice(1, None)), ("last", slice(None, -1))):
            sub = x[..., cut]
            norm[f"the mean leaves out the {part} feature (x[..., {cut.start or ''}:"
                 f"{cut.stop or ''}].mean(...), a slice one short): take it over all emb_dim "
                 "features, x.mean(dim=-1, keepdim=True)"] = (
                (x - sub.mean(-1, keepdim=True)) / torch.sqrt(var + eps))
            norm[f"the variance leaves out the {part} feature (x[..., {cut.start or ''}:"
                 f"{cut.stop or ''}], a slice one short): take it over all emb_dim features, "
                 "x.var(dim=-1, keepdim=True, unbiased=False)"] = (
                (x - mean) / torch.sqrt(sub.var(-1, keepdim=True, unbiased=False) + eps))
    xm = x / x.abs().amax(-1, keepdim=True)  # each token divided by its largest |value| first
    norm["each token is divided by its largest |value| before the statistics (x / "
         "x.abs().amax(dim=-1, keepdim=True)): the variance shrinks by that factor squared "
         "while eps stays 1e-5, so eps weighs more (and an all-zero token gives 0 / 0); "
         "normalise x itself, (x - mean) / torch.sqrt(var + eps)"] = (
        (xm - xm.mean(-1, keepdim=True)) / torch.sqrt(xm.var(-1, keepdim=True, unbiased=False)
                                                      + eps))
    out = {cause: scale * n + shift for cause, n in norm.items()}
    right = (x - mean) / torch.sqrt(var + eps)
    out["scale and shift are swapped: return self.scale * norm_x + self.shift"] = (
        shift * right + scale)
    out["scale and shift are not applied: return self.scale * norm_x + self.shift"] = right
    out["the shift is subtracted: return self.scale * norm_x + self.shift"] = scale * right - shift
    out["scale and shift are applied to x itself, so the normalised values are never used: "
        "return self.scale * norm_x + self.shift"] = scale * x + shift
    out["the shift multiplies instead of being added (scale * norm_x * shift): "
        "return self.scale * norm_x + self.shift"] = scale * right * shift
    out["the scale is never applied (norm_x + self.shift): multiply by it, "
        "return self.scale * norm_x + self.shift"] = right + shift
    out["the shift is never added (self.scale * norm_x alone): "
        "return self.scale * norm_x + self.shift"] = scale * right
    out["the shift is added before the scale multiplies: scale * (norm_x + shift) also scales "
        "the shift; return self.scale * norm_x + self.shift"] = scale * (right + shift)
    out["the variance is clamped at eps (var.clamp(min=eps)); add eps instead, "
        "torch.sqrt(var + eps), as GPT-2 does"] = (
        scale * (x - mean) / torch.sqrt(var.clamp(min=eps)) + shift)
    out["the scale is applied as (1 + scale), as Gemma does; GPT-2 multiplies by scale itself:"
        " self.scale * norm_x + self.shift"] = (1 + scale) * right + shift
    out["the scale multiplies x before the mean is subtracted, (scale * x - mean) / ...: "
        "normalise first, then scale and shift, self.scale * (x - mean) / torch.sqrt(var + eps)"
        " + self.shift"] = (scale * x - mean) / torch.sqrt(var + eps) + shift
    return out


def _guard_eps_hint(ln, emb_dim, scale, shift):
    """Tell an eps used only as a guard from a squared one: on a token whose variance is 1e-11
    (std 3.2e-6, below eps = 1e-5), ``where(var == 0, eps, var)`` divides by the std itself, a
    std clamped at eps divides by 1e-5, and eps**2 by sqrt(var + 1e-10)."""
    x = torch.linspace(-1.0, 1.0, emb_dim).unsqueeze(0)
    x = x * (1e-11 / x.var(-1, unbiased=False)).sqrt()  # (1, emb_dim), variance 1e-11
    try:
        with torch.no_grad():
            got = ln(x)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not isinstance(got, torch.Tensor) or got.shape != x.shape:
        return None
    xd = x.double()
    d = xd - xd.mean(-1, keepdim=True)
    var = xd.var(-1, keepdim=True, unbiased=False)
    n = (got.double() - shift.double()) / scale.double()
    guards = {
        "eps is used only where the variance is exactly 0 (torch.where(var == 0, eps, var) or "
        "similar), or not at all behind a guard against a zero norm (F.normalize clamps the "
        "norm at 1e-12): a token with a variance of 1e-11 is divided by its own std, 3.2e-6; "
        "add eps to every variance, torch.sqrt(var + self.eps)": d / var.sqrt(),
        "the standard deviation is clamped at eps (torch.sqrt(var).clamp(min=eps), or "
        "max(std, eps)): a token with a variance of 1e-11 is divided by exactly 1e-5; add eps "
        "to the variance inside the root instead, torch.sqrt(var + self.eps)":
            d / var.sqrt().clamp(min=1e-5),
    }
    return likely_cause(n, guards, atol=2e-3)


def _eps_fit_hint(got, x, scale, shift, ln=None):
    """Name the eps the learner used, fitted from the tokens with a tiny variance (where eps
    matters): there ``(x - mean) / normalised`` squared is ``var + eps``."""
    n = (got.double() - shift.double()) / scale.double()
    xd = x.double()
    d = xd - xd.mean(-1, keepdim=True)
    var = xd.var(-1, keepdim=True, unbiased=False).expand_as(xd)
    sel = (var > 0) & (var < 1e-3) & (d.abs() > 0.3 * var.sqrt()) & (n.abs() > 1e-3)
    if not torch.isfinite(n).all() or int(sel.sum()) < 4:
        return None
    eps = ((d[sel] / n[sel]) ** 2 - var[sel]).median().item()
    fitted = d / torch.sqrt(var + max(eps, 0.0))
    spread = var > 0  # a constant token's output is rounding noise over a tiny root: skip it
    if not torch.allclose(n[spread], fitted[spread], atol=1e-3) or abs(eps - 1e-5) < 1e-6:
        return None
    if eps < 1e-8:
        return _guard_eps_hint(ln, x.shape[-1], scale, shift) or (
                "eps is far below 1e-5: on tokens with a tiny variance your output fits an eps of"
                " about 0 (at most 1e-8), yet a constant token stays finite, so eps is not 0; "
                "is it squared or mistyped (1e-10, eps**2)? use self.eps = 1e-5 inside the root")
    return (f"eps is about {eps:.2g}, not 1e-5 (fitted from tokens with a tiny variance, where "
            "eps matters): use self.eps = 1e-5 inside the root")


def _rounded_note(out):
    """' (your output is rounded to k decimals)' when every value already is, else ''."""
    for k in range(7):
        if torch.equal(out, out.round(decimals=k)) and out.abs().max() > 0:
            return f" (every value of your output is rounded to {k} decimals: round()?)"
    return ""


def _layer_norm_grad(ln, x, scale, shift, what):
    """The gradients must flow through the mean and the variance, as in F.layer_norm."""
    x_in = x.clone().requires_grad_(True)
    weights = torch.linspace(-1.0, 2.0, x.numel()).reshape(x.shape)
    for p in ln.parameters():
        p.grad = None
    out_grad = ln(x_in)
    if not out_grad.requires_grad:
        raise CheckFailure(f"on {what} the output has no gradient: do not compute it under "
                           "torch.no_grad() or with .detach()")
    (out_grad * weights).sum().backward()
    x_ref = x.clone().requires_grad_(True)
    s_ref, b_ref = scale.clone().requires_grad_(True), shift.clone().requires_grad_(True)
    (F.layer_norm(x_ref, (x.shape[-1],), s_ref, b_ref, eps=1e-5) * weights).sum().backward()
    got = x_in.grad if x_in.grad is not None else torch.zeros_like(x)
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True, unbiased=False)
    zero = ("no gradient reaches the input at all: x itself is detached (x.detach(), x.data, "
            "torch.tensor(x) or a NumPy round trip); compute with x as it comes in"
            if x_in.grad is None else
            "x reaches the output, but its gradient is 0 everywhere: a step whose derivative "
            "is 0 sits between x and the output (round(), floor(), sign() or a comparison)"
            + _rounded_note(out_grad.detach()) + "; return scale * norm_x + shift as it is")
    mistakes = {  # d(out)/dx with the statistics treated as constants
        zero: torch.zeros_like(x),
        "the gradient does not flow through the mean and the variance (.detach(), .item() or "
        ".data on them): compute them from x itself so that backpropagation sees them":
            scale * weights / torch.sqrt(var + 1e-5),
    }
    xm = x.clone().requires_grad_(True)  # only the variance detached
    v = xm.var(-1, keepdim=True, unbiased=False).detach()
    ((scale * (xm - xm.mean(-1, keepdim=True)) / torch.sqrt(v + 1e-5) + shift) * weights
     ).sum().backward()
    mistakes["the gradient does not flow through the variance (.detach() or .data on it): "
             "compute it from x itself"] = xm.grad
    xv = x.clone().requires_grad_(True)  # only the mean detached
    ((scale * (xv - mean) / torch.sqrt(xv.var(-1, keepdim=True, unbiased=False) + 1e-5)
      + shift) * weights).sum().backward()
    mistakes["the gradient does not flow through the mean (.detach() or .data on it): "
             "compute it from x itself"] = xv.grad
    for low in (torch.bfloat16, torch.float16):  # exact statistics, rounded gradients
        for parts in (("mean", "variance"), ("mean",), ("variance",)):
            xl = x.clone().requires_grad_(True)
            xc = xl.to(low)  # one cast for both: its gradient adds up in the low precision
            ml = (xc if "mean" in parts else xl).mean(-1, keepdim=True).to(x.dtype)
            vl = (xc if "variance" in parts else xl).var(-1, keepdim=True, unbiased=False)
            ((scale * (xl - ml) / torch.sqrt(vl.to(x.dtype) + 1e-5) + shift) * weights
             ).sum().backward()
            mistakes[(f"the mean and variance are computed in {str(low)[6:]} (x cast to a lower "
                      "precision for them)" if len(parts) == 2 else f"the {parts[0]} alone is "
                      f"computed in {str(low)[6:]} (x cast to a lower precision for it, e.g. "
                      f"x.half().{parts[0][:3]}(...), then cast back)")
                     + ": the values of this example survive, but the gradient flows back "
                     "through the rounding; compute them in x's own dtype"] = xl.grad
    for e in WRONG_EPS:  # a wrong eps can stay within the output's tolerance, not the gradient's
        xe = x.clone().requires_grad_(True)
        (F.layer_norm(xe, (x.shape[-1],), scale, shift, eps=e) * weights).sum().backward()
        mistakes[f"eps is {e:g}, not 1e-5 (it shows in the gradient)"] = xe.grad
    tol = 1e-4 * max(1.0, x_ref.grad.abs().max().item())
    hint = likely_cause(got, mistakes, atol=tol) or (
        "the output is right but its gradient is not: keep every step a differentiable "
        "torch operation on x.")
    assert_close(got, x_ref.grad, what=f"the gradient of the output on {what} with respect to "
                 "x", atol=tol, hint=hint)
    for name, ref_p in (("scale", s_ref), ("shift", b_ref)):
        g = getattr(ln, name).grad
        if g is None or not torch.allclose(g, ref_p.grad, atol=tol):
            raise CheckFailure(f"on {what} LayerNorm.{name} gets "
                               f"{'no' if g is None else 'a wrong'} gradient: use self.{name} "
                               "itself in forward (not .data, .detach() or a copy), so that "
                               "training updates it")


KEEPDIM = [("Dimension out of range", "the statistics use a dimension index that only 3-D "
            "inputs have (dim=2): take them over the last dimension, dim=-1, so that any "
            "shape works"),
           ("must match the size", "the mean or the variance lost its last dimension "
            "(keepdim left out), so it does not line up with x: keep it, x.mean(dim=-1, "
            "keepdim=True) and "
            "x.var(dim=-1, keepdim=True, unbiased=False)")]


def _leading_ones(ln, x, got, what):
    """An output of x's shape with dimensions of size 1 put in front: say whether every output
    is padded up to one number of dimensions (scale or shift reshaped for 3-D inputs, e.g.
    ``scale.view(1, 1, -1)``) or every input gains them (an unsqueeze never undone)."""
    if not isinstance(got, torch.Tensor) or got.dim() <= x.dim() or \
            tuple(got.shape[got.dim() - x.dim():]) != tuple(x.shape) or \
            any(d != 1 for d in got.shape[:got.dim() - x.dim()]):
        return
    emb_dim = x.shape[-1]
    batch = torch.randn(2, 3, 2, emb_dim, generator=torch.Generator().manual_seed(5))
    try:
        with torch.no_grad():
            wide = ln(batch)
    except Exception:  # noqa: BLE001 - no evidence from the 4-D probe
        wide = None
    padded = isinstance(wide, torch.Tensor) and tuple(wide.shape) == tuple(batch.shape)
    raise CheckFailure(
        f"LayerNorm on {what}: the output has shape {tuple(got.shape)}, expected "
        f"{tuple(x.shape)}: {got.dim() - x.dim()} dimension(s) of size 1 put in front" + (
            f", while a 4-D input keeps its shape: every output is padded up to {got.dim()} "
            f"dimensions, as when scale or shift is reshaped for (batch, tokens, emb_dim) "
            f"inputs (scale.view(1, 1, -1), unsqueeze); broadcasting then adds the missing "
            f"dimensions; use scale and shift of shape ({emb_dim},) as they are, which "
            "broadcast over any leading dimensions" if padded else
            " (an unsqueeze or view never undone?); shape in = shape out"))


def _layer_norm_case(impl, what, x):
    emb_dim = x.shape[-1]
    ln = _module(impl(emb_dim), f"LayerNorm({emb_dim})")
    params = dict(ln.named_parameters())
    if set(params) != {"scale", "shift"}:
        alias = {n: o for n in ("scale", "shift") for o, p in params.items()
                 if n not in params and getattr(ln, n, None) is p}
        plain = [n for n in ("scale", "shift") if n not in params and n not in alias
                 and isinstance(getattr(ln, n, None), torch.Tensor)]
        extra = sorted(set(params) - {"scale", "shift"})
        why = (" (" + " and ".join(f"{n} is the same Parameter as {o}" for n, o in alias.items())
               + ": an alias of nn.LayerNorm's weight and bias, so the parameters keep "
               "nn.LayerNorm's names and GPT-2's scale/shift weights would not load; subclass "
               "nn.Module and create scale and shift as parameters of their own)" if alias else
               f" ({' and '.join(plain)} exist but are plain tensors: wrap them in nn.Parameter "
               "so that training updates them)" if plain else
               f" ({', '.join(extra)} is an extra trainable parameter: keep eps a plain float, "
               "self.eps = 1e-5; as a parameter training would change it, and it would be saved "
               "with the weights)" if "eps" in extra and {"scale", "shift"} <= set(params) else
               f" (the extra parameters {extra} do not belong to GPT-2's LayerNorm)"
               if extra and {"scale", "shift"} <= set(params) else "")
        raise CheckFailure(f"LayerNorm({emb_dim}) has the parameters {sorted(params)}; expected "
                           f"exactly 'scale' and 'shift' of shape ({emb_dim},){why}")
    for name, fill in (("scale", 1.0), ("shift", 0.0)):
        if not params[name].requires_grad:
            raise CheckFailure(f"LayerNorm({emb_dim}).{name} has requires_grad=False, so "
                               "training never updates it: create it as nn.Parameter(...) "
                               "without requires_grad=False")
        p = params[name].detach()
        if p.dtype != torch.float32:
            raise CheckFailure(f"LayerNorm({emb_dim}).{name} is {p.dtype}; create it in the "
                               "default float32 (torch.ones(emb_dim)), as every other weight "
                               "of the model, so a float32 input stays float32")
        if tuple(p.shape) != (emb_dim,) or not torch.equal(p, torch.full((emb_dim,), fill)):
            raise CheckFailure(f"LayerNorm({emb_dim}).{name} must start as "
                               f"{'ones' if fill else 'zeros'} of shape ({emb_dim},), got "
                               f"shape {tuple(p.shape)} with values {p.flatten()[:4].tolist()}")
    extra = sorted(set(ln.state_dict()) - {"scale", "shift"})
    inner = sorted({k.rsplit(".", 1)[0] for k in extra if "." in k})
    if inner:
        raise CheckFailure(f"LayerNorm({emb_dim})'s state_dict has the extra entries {extra}, "
                           f"from the sub-module(s) {inner} (a wrapped nn.LayerNorm?): "
                           "GPT-2's checkpoints hold "
                           "scale and shift alone; compute the normalisation yourself with "
                           "scale and shift as LayerNorm's own parameters")
    if extra:
        raise CheckFailure(f"LayerNorm({emb_dim})'s state_dict has the extra entries {extra}: "
                           "keep eps a plain float (self.eps = 1e-5); a registered buffer is "
                           "saved with the weights, so GPT-2's checkpoints would no longer load")
    scale = torch.linspace(0.5, 2.0, emb_dim)  # distinct values, so swaps and omissions show
    shift = torch.linspace(-1.0, 1.0, emb_dim)
    with torch.no_grad():
        params["scale"].copy_(scale)
        params["shift"].copy_(shift)
        x_in = x.clone()
        got = call_answer(ln, (x_in,), f"LayerNorm on {what}", hints=KEEPDIM + [(
            "view size is not compatible", "x.view(...) needs a contiguous tensor, and a "
            "transposed input is not one: use x.reshape(...), or no reshape at all, since "
            "mean(dim=-1) and var(dim=-1) work on any number of leading dimensions")])
        _leading_ones(ln, x, got, what)
        got = _as_tensor(got, f"the output on {what}", x.shape)
    if got.dtype != x.dtype:
        raise CheckFailure(f"LayerNorm returned {got.dtype} for a {x.dtype} input ({what}): "
                           f"keep the input's dtype; a step converts x (x.double(), x.float(), "
                           f"x.to(...)) or uses a {got.dtype} constant and the result is never "
                           f"cast back, so the next {x.dtype} Linear layer would refuse it")
    if not torch.equal(x_in, x):
        raise CheckFailure("LayerNorm changed its input in place (x -= mean or similar): the "
                           "caller's tensor must stay as it was; compute x - mean as a new "
                           "tensor")
    expected = F.layer_norm(x, (emb_dim,), scale, shift, eps=1e-5)
    # Outputs are at most about 6 in size; float32 rounding stays below 1e-5, every kept
    # mutant differs by more than 1e-3.
    def finite(t):  # NaN and inf (a missing eps on the constant token) compared as numbers
        return torch.nan_to_num(t.double(), nan=7e30, posinf=1e30, neginf=-1e30)

    mistakes = {k: finite(v) for k, v in _norm_mistakes(x, scale, shift).items()}
    hint = likely_cause(finite(got), mistakes, atol=1e-4, confirm=lambda cause: _norm_confirm(
        ln, params, cause, x, (scale, shift), finite)) or _precision_hint(
        ln, x, scale, shift) or _low_precision_hint(got, expected) or _low_precision_hint(
        (got.double() - shift) / scale, (expected.double() - shift) / scale, rtol=1e-6,
        what="once scale and shift are undone, every normalised value of yours is") or (
        _eps_fit_hint(got, x, scale, shift, ln)) or _large_eps_hint(ln, scale, shift) or (
        _affine_hint(ln, x, got, scale, shift)) or (
        _norm_stats_hint(got, x, scale, shift, ln)) or (
        _norm_fallback(got, x, scale, shift))
    if hint.startswith("eps is"):  # one width cannot tell a wrong eps from one that scales
        hint = _eps_width_hint(impl, emb_dim) or hint
    if x.shape[0] == 1 and hint.startswith(("the variance is a SUM", "you normalised over the "
                                            "wrong dimension", "the mean is the plain SUM")):
        hint = _one_row_hint(ln, x, scale, shift, hint)
    assert_close(got, expected, what=f"the output on {what}", atol=1e-4, hint=hint)
    # other values, the same shape (rows reordered, so float32 rounding stays the same):
    # nothing may carry over between calls
    x2 = x.flip(0) if x.shape[0] > 1 else x * 2.0 - 1.0
    with torch.no_grad():
        again = _as_tensor(call_answer(ln, (x2.clone(),), f"LayerNorm on {what}"),
                           f"a second call's output on {what}", x.shape)
    assert_close(again, F.layer_norm(x2, (emb_dim,), scale, shift, eps=1e-5),
                 what=f"a second call, on other values of the same shape as {what},",
                 atol=1e-4, hint="the first call was right, the second is not: forward keeps "
                 "something from an earlier call (a mean or variance stored on self and "
                 "reused?); compute the statistics from each call's own x")
    _layer_norm_grad(ln, x, scale, shift, what)


def _norm_confirm(ln, params, cause, x, start, finite):
    """A mistake replayed on one input can match by coincidence: on [1, 2, 3, 4] the mean of
    the first three values is the (lower) median, and linspace(-1, 1) reversed is its negative.
    Rerun ``ln`` on other values of x's shape with another scale and shift (then put ``start``
    back) and keep ``cause`` only if its replay still fits; a rerun that fails is no evidence."""
    gen = torch.Generator().manual_seed(31)
    x2 = (torch.randn(x.shape, generator=gen, dtype=torch.float64) * 1.5 + 0.7).to(x.dtype)
    scale2 = torch.linspace(0.6, 1.8, x.shape[-1])[torch.randperm(x.shape[-1], generator=gen)]
    shift2 = torch.linspace(-0.4, 1.3, x.shape[-1])
    try:
        with torch.no_grad():
            params["scale"].copy_(scale2)
            params["shift"].copy_(shift2)
            got = ln(x2.clone())
    except Exception:  # noqa: BLE001 - no evidence against the cause
        return True
    finally:
        with torch.no_grad():
            params["scale"].copy_(start[0])
            params["shift"].copy_(start[1])
    replay = _norm_mistakes(x2, scale2, shift2).get(cause)
    if replay is None or not isinstance(got, torch.Tensor) or got.shape != x.shape:
        return True
    return torch.allclose(finite(got), finite(replay), atol=1e-4, rtol=0.0)


def _one_row_hint(ln, x, scale, shift, hint):
    """With one row, a sum of squared deviations divided by ``x.shape[0]`` is the plain sum: run
    ``ln`` on emb_dim + 2 rows (not emb_dim - 1: that would look unbiased) to tell them apart."""
    rows = x.shape[-1] + 2
    x3 = torch.cat([x * (1.0 + k) + k for k in range(rows)])  # (rows, emb_dim)
    try:
        with torch.no_grad():
            got3 = ln(x3)
    except Exception:  # noqa: BLE001 - no evidence either way
        return hint
    if not isinstance(got3, torch.Tensor) or got3.shape != x3.shape:
        return hint
    other = likely_cause(got3.double(), _norm_mistakes(x3.double(), scale.double(),
                                                       shift.double()), atol=1e-4)
    if other is None or other == hint:
        return hint
    return (f"{other} (seen on a batch of {rows} rows; on this single row, "
            + ("dividing by x.shape[0] = 1 leaves the plain sum)" if "x.shape[0]" in other
               else "a mean or variance over dim=0 sees this one token only)"
               if "over dim=" in other or "wrong dimension" in other
               else "it gives the same numbers as a summed variance)"))


def _large_eps_hint(ln, scale, shift):
    """Fit eps on three tokens of variance 0.5, 2 and 8 (``(d / n)**2 - var`` per token): one
    eps far from 1e-5 that fits all three names a wrong eps; a divisor off by a constant
    factor fits a different eps on each."""
    emb_dim = scale.numel()
    base = torch.linspace(-1.0, 1.0, emb_dim, dtype=torch.float64)
    base = base / base.var(unbiased=False).sqrt()  # variance 1
    x = torch.stack([base * v**0.5 for v in (0.5, 2.0, 8.0)]).float()  # (3, emb_dim)
    try:
        with torch.no_grad():
            got = ln(x)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not isinstance(got, torch.Tensor) or got.shape != x.shape:
        return None
    n = (got.double() - shift.double()) / scale.double()
    d = x.double() - x.double().mean(-1, keepdim=True)
    var = x.double().var(-1, unbiased=False)
    edge = d.abs().argmax(-1, keepdim=True)  # the largest deviation of each token
    fit = ((d.gather(-1, edge) / n.gather(-1, edge)).squeeze(-1) ** 2 - var)
    if not torch.isfinite(fit).all():
        return None
    eps = fit.mean().item()
    if eps < 1e-3 or (fit - eps).abs().max().item() > 1e-2 * eps:
        return None
    if not torch.allclose(n, d / torch.sqrt(var.unsqueeze(-1) + eps), atol=1e-4):
        return None
    size = (f" (that is 1 / emb_dim = 1/{emb_dim})" if abs(eps * emb_dim - 1) < 1e-2 else "")
    return (f"eps is about {eps:.4g}{size}, not 1e-5: it fits tokens of variance 0.5, 2 and 8 "
            "alike; use self.eps = 1e-5 inside the root, torch.sqrt(var + self.eps)")


def _eps_at(impl, emb_dim):
    """The eps a fresh ``LayerNorm(emb_dim)`` uses, fitted on two float64 tokens of variance
    1e-6 and 1e-4 (``(d / n)**2 - var`` at each token's largest deviation); None when the two
    fits disagree or the module fails."""
    base = torch.linspace(-1.0, 1.0, emb_dim, dtype=torch.float64)
    base = base / base.var(unbiased=False).sqrt()
    x = torch.stack([base * v**0.5 for v in (1e-6, 1e-4)])
    try:
        with torch.no_grad():
            n = impl(emb_dim)(x)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not isinstance(n, torch.Tensor) or n.shape != x.shape or not torch.isfinite(n).all():
        return None
    fit = (x[:, -1] / n.double()[:, -1]) ** 2 - torch.tensor([1e-6, 1e-4], dtype=torch.float64)
    eps = fit.mean().item()
    return eps if eps > 0 and (fit - eps).abs().max().item() < 1e-2 * eps else None


def _eps_width_hint(impl, emb_dim):
    """Name an eps that depends on the width (eps * emb_dim, eps / emb_dim): a fixed wrong eps
    fits the same value on two widths, a scaled one does not."""
    wide = 4 * emb_dim + 3
    e1, e2 = _eps_at(impl, emb_dim), _eps_at(impl, wide)
    if e1 is None or e2 is None or abs(e2 / e1 - 1) < 0.05:
        return None
    seen = (f"eps is about {e1:.3g} in LayerNorm({emb_dim}) and {e2:.3g} in "
            f"LayerNorm({wide}): eps changes with the width")
    if abs(e2 / e1 / (wide / emb_dim) - 1) < 0.02:
        return (f"{seen}, {e1 / emb_dim:.3g} times emb_dim: eps is multiplied by the width "
                "(eps * x.shape[-1] or eps * emb_dim?); eps is a fixed 1e-5 inside the root, "
                "torch.sqrt(var + self.eps)")
    if abs(e1 / e2 / (wide / emb_dim) - 1) < 0.02:
        return (f"{seen}, {e1 * emb_dim:.3g} divided by emb_dim: eps is divided by the width; "
                "eps is a fixed 1e-5 inside the root, torch.sqrt(var + self.eps)")
    return f"{seen}: eps must be a fixed 1e-5 inside the root, whatever emb_dim is"


def _affine_hint(ln, x, got, scale, shift):
    """With scale = ones and shift = zeros, is the learner's output the plain normalisation? Then
    the statistics are right and only the way scale and shift enter differs: show one entry."""
    params = dict(ln.named_parameters())
    try:
        with torch.no_grad():
            params["scale"].fill_(1.0)
            params["shift"].fill_(0.0)
            plain = ln(x.clone())
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    finally:
        with torch.no_grad():
            params["scale"].copy_(scale)
            params["shift"].copy_(shift)
    right = F.layer_norm(x, (x.shape[-1],), eps=1e-5)
    if not isinstance(plain, torch.Tensor) or plain.shape != x.shape or not torch.allclose(
            plain.double(), right.double(), atol=1e-4):
        return None
    i = int((got.double() - (scale * right + shift).double()).abs().flatten().argmax())
    j = i % x.shape[-1]
    n, s, b = right.flatten()[i].item(), scale[j].item(), shift[j].item()
    used = _affine_vectors(ln, params, x, (scale, shift))
    return (f"with scale = ones and shift = zeros your output is right, so the mean and the "
            f"variance are right and the mistake is in how scale and shift are applied: at "
            f"feature {j} the normalised value is {n:.4g}, scale {s:.4g} and shift {b:.4g}, so "
            f"scale * norm_x + shift is {s * n + b:.4g}, yours {got.flatten()[i].item():.4g}"
            + (f". {used} Return" if used else "; return") + " self.scale * norm_x + self.shift")


def _affine_vectors(ln, params, x, start):
    """Rerun ``ln`` on 3 tokens of x's width and dtype with one of scale and shift set to uneven
    values (neither symmetric nor sorted, so a reversed vector is not a negated one) and the
    other neutral; when every token gets one vector added (or multiplied), say how it relates to
    the parameter it stands for."""
    gen = torch.Generator().manual_seed(37)
    uneven = torch.linspace(0.6, 1.9, x.shape[-1])[torch.randperm(x.shape[-1], generator=gen)]
    x = (torch.randn(3, x.shape[-1], generator=gen) * 2 + 0.5).to(x.dtype)
    r = F.layer_norm(x.double(), (x.shape[-1],), eps=1e-5)
    told = []
    for name, scale, shift in (("shift", torch.ones_like(uneven), uneven - 1.2),
                               ("scale", uneven, torch.zeros_like(uneven))):
        try:
            with torch.no_grad():
                params["scale"].copy_(scale)
                params["shift"].copy_(shift)
                out = ln(x.clone())
        except Exception:  # noqa: BLE001 - no evidence either way
            continue
        finally:
            with torch.no_grad():
                params["scale"].copy_(start[0])
                params["shift"].copy_(start[1])
        if not isinstance(out, torch.Tensor) or out.shape != x.shape:
            continue
        rows = out.double().reshape(-1, x.shape[-1])
        if name == "shift":
            vec = (rows - r).mean(0)
            fits = torch.allclose(rows, r + vec, atol=1e-4)
            want = shift.double()
        else:
            vec = (rows * r).sum(0) / (r * r).sum(0).clamp(min=1e-12)
            fits = torch.allclose(rows, r * vec, atol=1e-4)
            want = scale.double()
        if fits and not torch.allclose(vec, want, atol=1e-4):
            relation = describe_difference(vec, want, where=False)
            if relation:
                told.append(relation.replace(
                    "What differs:", f"Rerun with an uneven self.{name} (the other one neutral), "
                    f"the vector your code {'adds to' if name == 'shift' else 'multiplies'} "
                    f"every token, compared with self.{name}:"))
    return " ".join(told)


def _norm_stats_hint(got, x, scale, shift, ln=None):
    """Say how the learner's normalised tokens differ: ``(got - shift) / scale`` must have mean
    0 and variance var / (var + eps) in every token vector. With fewer than three such tokens
    (one cannot tell a constant factor from one that follows the token), ``ln`` is rerun on
    three tokens of other variances and the answer describes them."""
    n = (got.double() - shift.double()) / scale.double()
    if not torch.isfinite(n).all():
        return None
    var = x.double().var(-1, unbiased=False)
    keep = var > 1e-2  # tokens whose spread eps does not change
    if keep.sum() < 3 and ln is not None:
        probe = (torch.randn(3, x.shape[-1], generator=torch.Generator().manual_seed(4))
                 * torch.tensor([[0.5], [2.0], [6.0]])).to(x.dtype)
        try:
            with torch.no_grad():
                out = ln(probe)
        except Exception:  # noqa: BLE001 - no evidence from the probe
            out = None
        if isinstance(out, torch.Tensor) and out.shape == probe.shape:
            told = _norm_stats_hint(out, probe, scale, shift)
            spreads = ", ".join(f"{v:.3g}" for v in probe.double().var(-1, unbiased=False))
            if told:
                return f"rerun on 3 tokens of variances {spreads}: {told}"
    if not keep.any():
        return None
    mean_off = n.mean(-1)[keep].abs().max().item()
    xd = x.double()
    gap = n - (xd - xd.mean(-1, keepdim=True)) / torch.sqrt(var.unsqueeze(-1) + 1e-5)
    if mean_off > 1e-3 and (gap - gap.mean(-1, keepdim=True))[keep].abs().max().item() > 1e-3:
        return None  # not an offset per token (clipped values?): the fallback describes it
    if mean_off > 1e-3:
        return (f"after undoing scale and shift, your tokens have a mean of up to {mean_off:.4g}"
                " (it must be 0): subtract each token vector's own mean, "
                "x.mean(dim=-1, keepdim=True)")
    ratio = (n.var(-1, unbiased=False) / (var / (var + 1e-5)))[keep].sqrt()
    lo, hi = ratio.min().item(), ratio.max().item()
    if abs(lo - 1) < 1e-3 and abs(hi - 1) < 1e-3:
        return None  # the spread is right: nothing to say about it
    right = (xd - xd.mean(-1, keepdim=True)) / torch.sqrt(var.unsqueeze(-1) + 1e-5)
    per = (n * right).sum(-1, keepdim=True) / (right * right).sum(-1, keepdim=True)
    if not torch.allclose(n[keep], (per * right)[keep], atol=1e-4, rtol=1e-4):
        return None  # no factor per token (tanh, ...): the fallback describes what differs
    if hi - lo < 1e-3 * hi and keep.sum() < 2:  # one token: a factor, constant or not
        return (f"your token is centred, but it comes out {lo:.4g} times as spread as it should "
                "be (one token of variance above 0.01 here, so whether the factor is constant "
                "or follows the token's spread cannot be told): divide by torch.sqrt(var + "
                "eps), var the mean of squared deviations over emb_dim")
    width = x.shape[-1]
    if hi - lo < 1e-3 * hi and width > 2 and abs(lo - (width - 1) / width) < 1e-3:
        # the std is width / (width - 1) too large: var * width / (width - 1) ** 2 or so
        return (f"your tokens are centred, but every one comes out {lo:.4g} = (emb_dim - 1) / "
                f"emb_dim times as spread as it should be (emb_dim = {width}): your variance is "
                f"(emb_dim / (emb_dim - 1)) ** 2 times too large, as when the unbiased "
                "variance is multiplied by emb_dim / (emb_dim - 1), the correction turned the "
                "wrong way round (x.var() * (n - 1) / n is the biased variance); simplest, "
                "x.var(dim=-1, keepdim=True, unbiased=False)")
    if hi - lo < 1e-3 * hi:
        return (f"your tokens are centred, but every one comes out {lo:.4g} times as spread as "
                "it should be: the divisor is off by that constant factor; divide by "
                "torch.sqrt(var + eps), var the mean of squared deviations over emb_dim")
    varying = (f"your tokens are centred, but their spread is off by a factor from {lo:.4g} to "
               f"{hi:.4g}, which changes from token to token: ")
    std = torch.sqrt(var[keep] + 1e-5)  # does the factor follow a power of each token's std?
    if keep.sum() >= 3 and (std.max() / std.min()).item() > 1.5:
        fit = torch.stack([torch.ones_like(std), std.log()], -1)
        coef = torch.linalg.lstsq(fit, ratio.log().unsqueeze(-1)).solution.squeeze(-1)
        power = 1 - coef[1].item()  # yours = (x - mean) / (std ** power / factor)
        if (fit @ coef - ratio.log()).abs().max().item() < 1e-3 and abs(
                power - round(power * 2) / 2) < 0.02 and round(power * 2) != 2:
            power = round(power * 2) / 2
            factor = 1 / math.exp(coef[0].item())
            by = "" if abs(factor - 1) < 1e-3 else f"{factor:.4g} * "
            named = {-1: "you multiply by the standard deviation instead of dividing by it",
                     0: "x - mean is not divided by anything that depends on the token",
                     2: "you divide by the variance, not by its root",
                     0.5: "you divide by the root of the standard deviation"}.get(power, "")
            return (f"{varying}it follows each token's standard deviation std = sqrt(var + eps):"
                    f" you divide x - mean by {by}std ** {power:g} instead of by std itself"
                    f"{': ' + named if named else ''}; divide by torch.sqrt(var + eps)")
    return (f"{varying}the divisor is not the token's standard deviation, "
            "torch.sqrt(x.var(dim=-1, keepdim=True, unbiased=False) + eps)")


def _norm_fallback(got, x, scale, shift):
    """No known mistake fits: say which token differs first, in normalised units (scale and
    shift undone), and what the differing entries have in common."""
    n = ((got.double() - shift.double()) / scale.double()).reshape(-1, x.shape[-1])
    xd = x.double().reshape(-1, x.shape[-1])
    var = xd.var(-1, keepdim=True, unbiased=False)
    right = (xd - xd.mean(-1, keepdim=True)) / torch.sqrt(var + 1e-5)
    off = ~torch.isclose(n, right, atol=1e-4, rtol=0.0)
    if not off.any():
        return ("the normalised values are right, but scale and shift are not applied as "
                "self.scale * norm_x + self.shift")
    worst = int(((n - right).abs() * off).flatten().argmax())
    t, j = divmod(worst, x.shape[-1])
    first = (f"token {t} (variance {var[t, 0].item():.3g}) differs most, at feature {j}: "
             f"once scale and shift are undone yours is {n[t, j].item():.4g}, expected "
             f"{right[t, j].item():.4g} ((x - mean) / sqrt(var + 1e-5))")
    bad = off.any(-1)
    if bool((var[bad] < 1e-3).all()) and bool((~bad).any()):
        return (f"{first}; only tokens whose variance is below 1e-3 differ, where eps = 1e-5 is "
                "not negligible next to the variance: eps enters somewhere else than once "
                "inside the root; use (x - mean) / torch.sqrt(var + 1e-5)")
    cut = n[off].abs()
    if (cut - cut.max()).abs().max().item() < 1e-4 and bool(
            (right[off].abs() > cut.max()).all()):
        return (f"{first}; every differing value of yours sits at +-{cut.max().item():.4g} "
                "where the right one is larger: the normalised values are clipped; return "
                "them unclipped")
    relation = describe_difference(n, right, where=False)  # shifted, reordered, a factor, ...
    if relation:
        return (f"{first}. Once scale and shift are undone: {relation} Compare each step with "
                "(x - mean) / torch.sqrt(var + self.eps), then self.scale * norm_x + self.shift")
    if torch.allclose(torch.cat([n[:, :1], n.diff(dim=-1)], dim=-1), right, atol=1e-4):
        return (f"{first}; each of your values is the sum of the right normalised values up to "
                "its feature (a running sum, torch.cumsum over the last dimension): normalise "
                "every entry on its own, (x - mean) / torch.sqrt(var + eps)")
    m, v = n[t].mean().item(), n[t].var(unbiased=False).item()
    stats = (f"; with scale and shift undone, your token {t} has mean {m:.4g} and variance "
             f"{v:.4g}, where (x - mean) / sqrt(var + eps) has mean 0 and variance "
             f"{right[t].var(unbiased=False).item():.4g}: "
             + ("it is centred, so the division by sqrt(var + eps) or a step after it differs"
                if abs(m) < 1e-4 else "it is not centred (the mean is not subtracted as "
                "x - x.mean(dim=-1, keepdim=True), or a step after it changes the values)"))
    keep = right[t].abs() > 1e-3
    ratio = n[t][keep] / right[t][keep]
    if keep.sum() > 1 and (ratio.max() - ratio.min()).item() > 1e-3:
        shown = ", ".join(f"{r:.3g}" for r in ratio[:8].tolist())
        stats += (f". Yours / expected, feature by feature in token {t}: [{shown}"
                  + (", ..." if len(ratio) > 8 else "") + "]: not one factor, so the features "
                  "are changed unequally (a factor or term that depends on the feature index "
                  "or on other features' values)")
    return first + stats


def _precision_hint(ln, x, scale, shift):
    """A hint when ``ln`` is right on ``x`` in float64 but not in float32 (lost precision)."""
    xd = x.double()
    try:
        with torch.no_grad():
            again = ln(xd)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    want = F.layer_norm(xd, (x.shape[-1],), scale.double(), shift.double(), eps=1e-5)
    if isinstance(again, torch.Tensor) and again.shape == x.shape and torch.allclose(
            again.double(), want, atol=1e-6):
        return ("your LayerNorm is right in float64 but not in float32: the formula loses "
                "precision. A variance computed as mean(x**2) - mean**2 cancels when the tokens' "
                "mean is large next to their spread; take the mean of (x - mean)**2, "
                "x.var(dim=-1, keepdim=True, unbiased=False)")
    return None


def check_layer_norm(impl):
    gen = torch.Generator().manual_seed(4)
    tiny = torch.randn(3, 10, generator=gen) * 1e-3 + torch.arange(3.0).unsqueeze(1)
    tiny[0] = 0.7  # a constant token: variance 0, so only eps keeps the division finite
    inputs = {
        "the worked example [1, 2, 3, 4]": torch.tensor([[1.0, 2.0, 3.0, 4.0]]),
        "a batch of shape (2, 3, 6)": torch.randn(2, 3, 6, generator=gen) * 4 + 3,
        "tokens with a tiny or zero variance, shape (3, 10)": tiny,
        # one value far from the rest: its normalised value is sqrt(11) = 3.3 (clipping shows)
        "a token with an outlier, shape (1, 12)": torch.tensor([[0.0] * 11 + [12.0]]),
        # the same kind of batch laid out transposed in memory: x.view(...) cannot take it
        "a non-contiguous (2, 3, 6) batch (a transposed view)": (
            torch.randn(3, 2, 6, generator=gen) * 2 - 1).transpose(0, 1),
    }
    check_cases(state_probed(impl, probe_first=False, cases=[
        (what, lambda a, what=what, x=x: _layer_norm_case(a, what, x))
        for what, x in inputs.items()] + [("a float64 input", _layer_norm_dtype),
                                          ("a module and input in bfloat16", _layer_norm_half),
                                          ("eval mode after training", _layer_norm_modes),
                                          ("the docstring's 1-D example", _layer_norm_vector),
                                          ("an input of no tokens", _layer_norm_empty),
                                          # last, so that earlier cases keep naming their
                                          # mistakes: the statistics over dim=-1 of any shape
                                          ("a 4-D input, shape (2, 2, 3, 5)", _layer_norm_4d),
                                          ("the width passed by name", _layer_norm_by_name)]))


def _layer_norm_by_name(impl):
    """LayerNorm(emb_dim=5), as the book and ch04.ipynb build it: a constructor parameter
    renamed (``normalized_shape``, ``dim``, ``d_model``) works by position only."""
    what = "LayerNorm(emb_dim=5) (the width passed by name, as the book's §4.2 does)"
    norm = _module(call_by_name(impl, what, "LayerNorm(emb_dim)", emb_dim=5), what)
    x = torch.randn(2, 5, generator=torch.Generator().manual_seed(48)) * 2 + 1
    with torch.no_grad():
        got = call_answer(norm, (x,), f"{what} on a (2, 5) input")
    want = F.layer_norm(x, (5,), eps=1e-5)
    assert_close(_as_tensor(got, f"{what} on a (2, 5) input", (2, 5)), want,
                 f"{what} on a (2, 5) input")


def _layer_norm_4d(impl):
    """A (2, 2, 3, 5) input: the docstring says any shape, so dim=-1 and not a fixed index."""
    x = torch.randn(2, 2, 3, 5, generator=torch.Generator().manual_seed(9)) * 3 + 1
    _layer_norm_case(impl, "a 4-D input, shape (2, 2, 3, 5)", x)


def _layer_norm_empty(impl):
    """An input of no tokens, (2, 0, 6): shape in = shape out, as every tensor op gives it."""
    x = torch.zeros(2, 0, 6)
    what = "LayerNorm(6) on an input of no tokens, shape (2, 0, 6)"
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # x.var over no tokens warns about degrees of freedom
        got = call_answer(_module(impl(6), "LayerNorm(6)"), (x,), what, hints=[(
            "expects a non-empty TensorList", "the tokens are normalised one at a time and "
            "joined with torch.stack/torch.cat, which has nothing to join when there are no "
            "tokens: normalise the whole tensor at once, x.mean(dim=-1, keepdim=True) and "
            "x.var(dim=-1, keepdim=True, unbiased=False) work on any leading dimensions")])
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != tuple(x.shape):
        shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__
        raise CheckFailure(f"{what}: the output is {shape}, expected (2, 0, 6): shape in = "
                           "shape out; compute the statistics over dim=-1 of the whole tensor")


def _layer_norm_vector(impl):
    """The docstring's example is ONE token as a 1-D vector: shape in = shape out."""
    x = torch.tensor([1.0, 2.0, 3.0, 4.0])
    with torch.no_grad():
        got = call_answer(_module(impl(4), "LayerNorm(4)"), (x.clone(),),
                          "LayerNorm(4) on the 1-D vector [1, 2, 3, 4]")
    if isinstance(got, torch.Tensor) and got.dim() > 1 and got.numel() == 4:
        raise CheckFailure(
            f"LayerNorm(4)(torch.tensor([1., 2., 3., 4.])) has shape {tuple(got.shape)}, "
            "expected (4,): a 1-D input gained a dimension of size 1 in front (scale or shift "
            "shaped or unsqueezed to (1, emb_dim), x.unsqueeze(0) or a view(1, -1) never "
            "undone); shape in = shape out, so use scale and shift of shape (emb_dim,) as "
            "they are, which broadcast over any leading dimensions")
    assert_close(_as_tensor(got, "the output on the 1-D vector [1, 2, 3, 4]", x.shape),
                 F.layer_norm(x, (4,), eps=1e-5), what="the output on the 1-D vector "
                 "[1, 2, 3, 4]", atol=1e-4)


def _layer_norm_modes(impl):
    """LayerNorm has no modes: after a call in training mode, eval mode still normalises each
    token with its own mean and variance (no running statistics, as BatchNorm keeps)."""
    gen = torch.Generator().manual_seed(8)
    ln = _module(impl(6), "LayerNorm(6)")
    x = torch.randn(2, 3, 6, generator=gen) * 0.5 - 1
    with torch.no_grad():
        call_answer(ln.train(), (torch.randn(4, 6, generator=gen) * 3 + 2,),
                    "LayerNorm(6) in training mode")
        got = _as_tensor(call_answer(ln.eval(), (x.clone(),), "LayerNorm(6) in eval mode"),
                         "the output in eval mode", x.shape)
        trained = call_answer(ln.train(), (x.clone(),), "LayerNorm(6) in training mode")
    expected = F.layer_norm(x, (6,), eps=1e-5)
    modes = isinstance(trained, torch.Tensor) and trained.shape == x.shape and torch.allclose(
        trained, expected, atol=1e-4)
    assert_close(got, expected, what="the output in eval mode (after a call in training mode)",
                 atol=1e-4, hint=(
                     "the same input is right in training mode but not in eval mode: forward "
                     "depends on self.training, as BatchNorm does with its running mean and "
                     "variance; LayerNorm has no modes and keeps no statistics: normalise every "
                     "token with its own mean and variance in both modes") if modes else None)


def _layer_norm_half(impl):
    """A model moved to bfloat16 (``.to(torch.bfloat16)``): the output stays bfloat16, close to
    the float64 result (bfloat16 keeps about 3 digits; statistics in float32 are fine)."""
    x = (torch.linspace(-2.0, 3.0, 12).reshape(2, 6) ** 2).to(torch.bfloat16)
    ln = _module(impl(6), "LayerNorm(6)").to(torch.bfloat16)
    got = _as_tensor(call_answer(ln, (x.clone(),), "LayerNorm in bfloat16 on a bfloat16 input"),
                     "the bfloat16 output", x.shape)
    if got.dtype != x.dtype:
        for name, value in vars(ln).items():  # a float32 tensor kept as a plain attribute?
            if not (isinstance(value, torch.Tensor) and value.dim() > 0
                    and value.dtype == torch.float32):
                continue
            twin = copy.deepcopy(ln)
            setattr(twin, name, value.to(x.dtype))
            try:
                again = twin(x.clone())
            except Exception:  # noqa: BLE001 - no evidence either way
                continue
            if isinstance(again, torch.Tensor) and again.dtype == x.dtype:
                raise CheckFailure(
                    f"LayerNorm(6).to(torch.bfloat16) returned {got.dtype} for a bfloat16 input:"
                    f" self.{name} is a float32 tensor of shape {tuple(value.shape)} kept as a "
                    "plain attribute (with it in bfloat16 the output is bfloat16): "
                    ".to(torch.bfloat16) moves only parameters and buffers, and a float32 "
                    "tensor with a dimension promotes the bfloat16 values to float32 (it would "
                    "also stay on the CPU when the model moves to a GPU); keep eps a Python "
                    "float, self.eps = 1e-5")
        raise CheckFailure(
            f"LayerNorm(6).to(torch.bfloat16) returned {got.dtype} for a bfloat16 input: keep "
            "the input's dtype"
            + (": x is cast to float32 (x.float(), .to(torch.float32)) and the result is never "
               "cast back; compute in x's dtype, or cast the normalised values back with "
               ".to(x.dtype) before scale and shift" if got.dtype == torch.float32 else ""))
    assert_close(got.double(), F.layer_norm(x.double(), (6,), eps=1e-5), what="the bfloat16 "
                 "output", atol=5e-2, rtol=2e-2)


def _layer_norm_dtype(impl):
    x = torch.linspace(-2.0, 3.0, 10, dtype=torch.float64).reshape(2, 5)
    ln = _module(impl(5), "LayerNorm(5)")
    got = _as_tensor(call_answer(ln, (x.clone(),),
                                 "LayerNorm on a float64 input", [(
                                     "mixed dtype", "A float64 input meets your float32 scale "
                                     "and shift in one call (F.layer_norm needs them in one "
                                     "dtype): pass self.scale.to(x.dtype) and "
                                     "self.shift.to(x.dtype), or write the formula out, which "
                                     "promotes to float64 by itself")]),
                     "the float64 output", x.shape)
    if got.dtype != x.dtype:
        raise CheckFailure(f"LayerNorm returned {got.dtype} for a {x.dtype} input: keep the "
                           "input's dtype (no x.float() or torch.tensor(...) of float32 inside)")
    moved = sorted(f"{n} ({p.dtype})" for n, p in ln.named_parameters()
                   if p.dtype != torch.float32)
    if moved:  # forward cast the module itself: every later float32 call would be float64
        again = call_answer(ln, (x.float(),), "LayerNorm(5) on a float32 input, after the "
                            "float64 call")
        after = (f" (a float32 input after it even returns {again.dtype})"
                 if isinstance(again, torch.Tensor) and again.dtype != torch.float32 else "")
        raise CheckFailure(
            f"one float64 call changed LayerNorm's own parameters to {', '.join(moved)}{after}: "
            "forward casts the module itself (self.to(x.dtype), self.double(), or scale.data = "
            "scale.data.to(x.dtype)), so the weights change dtype behind the caller's back (an "
            "optimizer's state or a checkpoint no longer matches them); leave the parameters "
            "alone: self.scale * norm_x + self.shift already promotes to float64 by itself")
    # float64 rounding stays near 1e-15; a step done in float32 leaves about 1e-7
    assert_close(got, F.layer_norm(x, (5,), eps=1e-5), what="the float64 output", atol=1e-9,
                 hint="your float64 output is right only to float32 precision: a step runs in "
                 "float32 (x.float(), .to(torch.float32), a float32 tensor constant) and is cast"
                 " back; compute every step in x's own dtype")


# --- ex4_2: GELU ---------------------------------------------------------------------------------


def _gelu_mistakes(x):
    c = (2 / torch.pi) ** 0.5
    return {
        "this is ReLU: GELU is 0.5 * x * (1 + tanh(...)), smooth at 0 and slightly negative "
        "for negative x": torch.relu(x),
        "this is the exact (erf) GELU; GPT-2 uses the tanh approximation "
        "0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))": F.gelu(x),
        "this is the erf GELU written with x / 2 where the exact form has x / sqrt(2), "
        "0.5 * x * (1 + erf(x / 2)); GPT-2 uses the tanh approximation 0.5 * x * (1 + "
        "tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))": 0.5 * x * (1 + torch.erf(x / 2)),
        "the factor is sqrt(pi / 2); it should be sqrt(2 / pi)":
            0.5 * x * (1 + torch.tanh((torch.pi / 2) ** 0.5 * (x + 0.044715 * x**3))),
        "the cubic coefficient is 0.04715 (a 4 dropped), not 0.044715":
            0.5 * x * (1 + torch.tanh(c * (x + 0.04715 * x**3))),
        "x is squared inside tanh; it should be cubed (x**3)":
            0.5 * x * (1 + torch.tanh(c * (x + 0.044715 * x**2))),
        "the coefficient is cubed with x, (0.044715 * x) ** 3 (a coefficient of 0.044715**3 = "
        "8.94e-05): the power applies to x alone, 0.044715 * x**3":
            0.5 * x * (1 + torch.tanh(c * (x + (0.044715 * x) ** 3))),
        "GELU is computed on |x| and the sign put back, sign(x) * GELU(|x|), as if GELU were "
        "odd; it is not (GELU(-1) = -0.1588, not -GELU(1) = -0.8412): apply the formula to x "
        "itself, negative values included":
            torch.sign(x) * F.gelu(x.abs(), approximate="tanh"),
        "the leading 0.5 is missing: 0.5 * x * (1 + tanh(...))":
            x * (1 + torch.tanh(c * (x + 0.044715 * x**3))),
        "the 0.5 multiplies only the 1, x * (0.5 + tanh(...)); it multiplies the whole "
        "bracket: 0.5 * x * (1 + tanh(...))":
            x * (0.5 + torch.tanh(c * (x + 0.044715 * x**3))),
        "this is the sigmoid approximation x * sigmoid(1.702 * x); GPT-2 uses the tanh one":
            x * torch.sigmoid(1.702 * x),
        "this is SiLU (swish), x * sigmoid(x), not GELU: GPT-2's GELU is 0.5 * x * (1 + "
        "tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))": x * torch.sigmoid(x),
        "this is Mish, x * tanh(softplus(x)), not GELU: GPT-2's GELU is 0.5 * x * (1 + "
        "tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))": x * torch.tanh(F.softplus(x)),
        "x is raised to the power 4 inside tanh; it should be cubed (x**3)":
            0.5 * x * (1 + torch.tanh(c * (x + 0.044715 * x**4))),
        "sqrt(2 / pi) multiplies only x; it must multiply the whole (x + 0.044715 * x**3)":
            0.5 * x * (1 + torch.tanh(c * x + 0.044715 * x**3)),
        "the factor is sqrt(2 * pi); it should be sqrt(2 / pi) (about 0.7979)":
            0.5 * x * (1 + torch.tanh((2 * torch.pi) ** 0.5 * (x + 0.044715 * x**3))),
        "tanh is applied to the constant sqrt(2 / pi) alone; it must wrap the whole "
        "sqrt(2 / pi) * (x + 0.044715 * x**3)":
            0.5 * x * (1 + torch.tanh(torch.tensor(c)) * (x + 0.044715 * x**3)),
        "the factor x is missing: 0.5 * x * (1 + tanh(...)), not 0.5 * (1 + tanh(...))":
            0.5 * (1 + torch.tanh(c * (x + 0.044715 * x**3))),
        "the '1 +' is missing: this is 0.5 * x * tanh(...), which is about -0.5 * x for "
        "negative x; GELU is 0.5 * x * (1 + tanh(...))":
            0.5 * x * torch.tanh(c * (x + 0.044715 * x**3)),
        "tanh's argument has no linear term: the x in (x + 0.044715 * x**3) is missing, so "
        "tanh sees only the cubic 0.044715 * x**3":
            0.5 * x * (1 + torch.tanh(c * 0.044715 * x**3)),
        "the sign is wrong: it is 1 + tanh(...), not 1 - tanh(...)":
            0.5 * x * (1 - torch.tanh(c * (x + 0.044715 * x**3))),
        "the factor sqrt(2 / pi) is missing inside tanh: tanh(sqrt(2 / pi) * (x + 0.044715 * "
        "x**3))": 0.5 * x * (1 + torch.tanh(x + 0.044715 * x**3)),
        "the factor is sqrt(2) / pi; it should be sqrt(2 / pi), the root of the quotient":
            0.5 * x * (1 + torch.tanh(2**0.5 / torch.pi * (x + 0.044715 * x**3))),
        "the cubic coefficient is rounded: use 0.044715 exactly":
            0.5 * x * (1 + torch.tanh(c * (x + 0.0447 * x**3))),
        "the factor is 2 / pi without the square root; it should be sqrt(2 / pi) (about "
        "0.7979)": 0.5 * x * (1 + torch.tanh(2 / torch.pi * (x + 0.044715 * x**3))),
        "pi is rounded (3.14): use math.pi, so the factor is sqrt(2 / math.pi)":
            0.5 * x * (1 + torch.tanh((2 / 3.14) ** 0.5 * (x + 0.044715 * x**3))),
        "the parentheses are off: this is 0.5 * x + tanh(...); the whole (1 + tanh(...)) is "
        "multiplied by 0.5 * x": 0.5 * x + torch.tanh(c * (x + 0.044715 * x**3)),
        "this uses sigmoid where tanh belongs: 0.5 * x * (1 + torch.tanh(...))":
            0.5 * x * (1 + torch.sigmoid(c * (x + 0.044715 * x**3))),
        "this uses torch.erf (the exact GELU's function) with the tanh approximation's "
        "argument: the tanh form is 0.5 * x * (1 + torch.tanh(sqrt(2 / pi) * (x + 0.044715 * "
        "x**3)))": 0.5 * x * (1 + torch.erf(c * (x + 0.044715 * x**3))),
        "tanh's argument is halved: this is x * sigmoid(z) (or a tanh written by hand as "
        "(exp(z) - 1) / (exp(z) + 1), which is tanh(z / 2)), with z = sqrt(2 / pi) * (x + "
        "0.044715 * x**3); 0.5 * (1 + tanh(z)) equals sigmoid(2 * z), not sigmoid(z)":
            x * torch.sigmoid(c * (x + 0.044715 * x**3)),
        "your GELU is 0 for every x: the leading factor came out as 0 (1 // 2 is integer "
        "division, which gives 0; write 0.5 * x * (1 + tanh(...)))": torch.zeros_like(x),
        "the cube is taken of |x| (x.abs() ** 3), which flips the cubic term's sign for "
        "negative x: use x**3, which keeps the sign":
            0.5 * x * (1 + torch.tanh(c * (x + 0.044715 * x.abs() ** 3))),
        "this uses hardtanh (tanh clipped to [-1, 1], linear in between) where tanh belongs: "
        "use torch.tanh":
            0.5 * x * (1 + F.hardtanh(c * (x + 0.044715 * x**3))),
        "this uses torch.atan (the arctangent) where torch.tanh (the hyperbolic tangent) "
        "belongs; atan is not bounded by 1, so GELU(8) comes out above 8":
            0.5 * x * (1 + torch.atan(c * (x + 0.044715 * x**3))),
        "this uses softsign, z / (1 + |z|), where tanh belongs: it has tanh's slope at 0 and "
        "its bounds, but it is not tanh (at z = 1 it gives 0.5, tanh 0.7616): use torch.tanh":
            0.5 * x * (1 + F.softsign(c * (x + 0.044715 * x**3))),
        "the product is expanded wrong: 0.5 + 0.5 * x * tanh(...) adds the constant 0.5, but "
        "0.5 * x * (1 + tanh(...)) expands to 0.5 * x + 0.5 * x * tanh(...)":
            0.5 + 0.5 * x * torch.tanh(c * (x + 0.044715 * x**3)),
        "the cubic term 0.044715 * x**3 sits outside tanh (a misplaced parenthesis): this is "
        "0.5 * x * (1 + tanh(sqrt(2 / pi) * x) + 0.044715 * x**3); it belongs inside, "
        "tanh(sqrt(2 / pi) * (x + 0.044715 * x**3))":
            0.5 * x * (1 + torch.tanh(c * x) + 0.044715 * x**3),
        "the factor x multiplies only the 1: this is 0.5 * (x + tanh(...)); x multiplies the "
        "whole bracket, 0.5 * x * (1 + tanh(...))":
            0.5 * (x + torch.tanh(c * (x + 0.044715 * x**3))),
        "the 0.5 multiplies only tanh, x * (1 + 0.5 * tanh(...)); it multiplies the whole "
        "bracket: 0.5 * x * (1 + tanh(...))":
            x * (1 + 0.5 * torch.tanh(c * (x + 0.044715 * x**3))),
        "sqrt(2 / pi) multiplies tanh(...) from outside; it belongs inside tanh, multiplying "
        "(x + 0.044715 * x**3): tanh(sqrt(2 / pi) * (x + 0.044715 * x**3))":
            0.5 * x * (1 + c * torch.tanh(x + 0.044715 * x**3)),
        "negative inputs give 0 (torch.where(x > 0, ..., 0), a clamp(min=0) or a relu on the "
        "result): GELU is slightly negative for x < 0 (GELU(-1) = -0.1588), so apply the "
        "formula to every x": F.gelu(x, approximate="tanh").clamp(min=0),
        "this uses torch.tan (the tangent) where torch.tanh (the hyperbolic tangent) belongs":
            0.5 * x * (1 + torch.tan(c * (x + 0.044715 * x**3))),
        "this uses torch.atanh (the inverse hyperbolic tangent, NaN outside [-1, 1]) where "
        "torch.tanh (the hyperbolic tangent) belongs":
            0.5 * x * (1 + torch.atanh(c * (x + 0.044715 * x**3))),
        "the leading factor is |x| (x.abs()), so every negative x gives -GELU(x): multiply by "
        "x itself, 0.5 * x * (1 + tanh(...))":
            0.5 * x.abs() * (1 + torch.tanh(c * (x + 0.044715 * x**3))),
        "the 1 of (1 + tanh(...)) went inside tanh: this is 0.5 * x * tanh(1 + sqrt(2 / pi) * "
        "(...)); the 1 is added to tanh's result, 0.5 * x * (1 + tanh(...))":
            0.5 * x * torch.tanh(1 + c * (x + 0.044715 * x**3)),
        "the cube covers the whole sum, (x + 0.044715 * x) ** 3: only x is cubed, inside the "
        "sum: (x + 0.044715 * x**3)":
            0.5 * x * (1 + torch.tanh(c * (x + 0.044715 * x) ** 3)),
        "a parenthesis closes too early: this is tanh(sqrt(2 / pi) * (x + 0.044715) * x**3), "
        "so the whole sum multiplies x**3; only 0.044715 multiplies it: sqrt(2 / pi) * (x + "
        "0.044715 * x**3)": 0.5 * x * (1 + torch.tanh(c * (x + 0.044715) * x**3)),
        "x**3 is written as x * x * 3, which is 3 * x**2: the cube is x * x * x (or x**3)":
            0.5 * x * (1 + torch.tanh(c * (x + 0.044715 * 3 * x * x))),
        "the power's arguments are swapped: torch.pow(3, x) is 3**x; the cube is "
        "torch.pow(x, 3) (or x**3)":
            0.5 * x * (1 + torch.tanh(c * (x + 0.044715 * 3.0**x))),
        "the cube is written x * x.abs() (or x * abs(x)), which is x**2 with x's sign, not "
        "x**3: write x**3 (or x * x * x)":
            0.5 * x * (1 + torch.tanh(c * (x + 0.044715 * x * x.abs()))),
    } | {
        f"sqrt(2 / pi) is rounded to {r}: use math.sqrt(2 / math.pi) (0.7978845608...)":
            0.5 * x * (1 + torch.tanh(r * (x + 0.044715 * x**3)))
        for r in (0.8, 0.798, 0.7979, 0.79788, 0.797885)
    } | {
        f"for |x| > {m:g} you return ReLU(x) instead of the formula; GELU is not ReLU there "
        f"(GELU(-{m:g}) = {F.gelu(torch.tensor(-m), approximate='tanh').item():.3g}, not 0), "
        "and torch.tanh saturates by itself without overflowing, so use the formula for "
        "every x": torch.where(x.abs() > m, torch.relu(x), F.gelu(x, approximate="tanh"))
        for m in (2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
    } | {
        f"the input is clamped to [-{m:g}, {m:g}]: GELU(x) is about x for large x, and "
        "torch.tanh saturates by itself without overflowing, so do not clamp x":
            F.gelu(x.clamp(-m, m), approximate="tanh")
        for m in (3.0, 5.0, 6.0, 8.0, 10.0, 20.0, 50.0, 100.0)
    } | {
        f"tanh's argument is clamped to [-{m:g}, {m:g}]: tanh({m:g}) is {math.tanh(m):.6g}, "
        "not 1, so large |x| come out slightly off; torch.tanh saturates by itself without "
        "overflowing, so do not clamp its argument":
            0.5 * x * (1 + torch.tanh((c * (x + 0.044715 * x**3)).clamp(-m, m)))
        for m in (3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
    } | ({
        "a constant is a float32 tensor (torch.tensor(...) defaults to float32) or an "
        "np.float32, so a float64 "
        "input is computed with a constant rounded to float32: keep the constants Python "
        "floats (math.sqrt(2 / math.pi), 0.044715)":
            0.5 * x * (1 + torch.tanh(torch.tensor(c).double() * (x + 0.044715 * x**3))),
        "0.044715 is a float32 tensor (torch.tensor(...) defaults to float32), so a float64 "
        "input is computed with a rounded coefficient: keep the constants Python floats":
            0.5 * x * (1 + torch.tanh(c * (x + torch.tensor(0.044715).double() * x**3))),
        "both constants are rounded to float32 (np.float32(...), torch.tensor(...) or a "
        "float32 array), so a float64 input is computed with sqrt(2 / pi) and 0.044715 "
        "rounded to 7 digits: keep the constants Python floats (math.sqrt(2 / math.pi), "
        "0.044715)":
            0.5 * x * (1 + torch.tanh(torch.tensor(c).double() * (
                x + torch.tensor(0.044715).double() * x**3))),
    } if x.dtype == torch.float64 else {})


def _low_precision_hint(got, expected, rtol=0.0, what="every value you return is"):
    """A hint when every value of ``got`` is a float16 (or bfloat16) number (within ``rtol``)
    but ``expected`` is not matched: the answer computed in half precision and cast back."""
    g = got.detach()
    fin = g[torch.isfinite(g)]
    if not g.is_floating_point() or g.dtype in (torch.float16, torch.bfloat16) or \
            fin.numel() < 4 or g.shape != expected.shape or torch.equal(
                g, expected.to(g.dtype)):
        return None
    off = ((g.double() - expected.double()).abs() / expected.double().abs().clamp(min=1.0))
    lows = ((torch.float16, 4e-3, 3), (torch.bfloat16, 3e-2, 2)) + (
        ((torch.float32, 1e-5, 7),) if g.dtype == torch.float64 else ())
    for low, rel, digits in lows:
        if ((fin.to(low).to(g.dtype) - fin).abs() <= rtol * fin.abs()).all() and \
                fin.abs().gt(0).sum() >= 4 and \
                off.max().item() <= rel:
            how = ("x.float(), .to(torch.float32) or a float32 tensor inside" if low ==
                   torch.float32 else f"x.half(), autocast or a {low} tensor inside")
            return (f"{what} a {low} number (about {digits} significant digits): the "
                    f"computation ran in {low} ({how}) and was cast back; compute in the "
                    "input's own dtype")
    return None


def _gelu_gate_precision_hint(x, got, expected):
    """Name tanh computed in a lower precision than the input (``torch.tanh(z.float())`` or
    ``z.half()`` cast back): the gate 2 * GELU(x) / x - 1 read back from the output then lies
    on the lower dtype's grid at every point, while the right gates do not."""
    lows = {torch.float64: (torch.float32, torch.bfloat16, torch.float16),
            torch.float32: (torch.bfloat16, torch.float16)}.get(got.dtype)
    if lows is None or got.shape != expected.shape:
        return None
    # reading the gate back adds about 1e-15 (float64 output) or 2.4e-7 (float32 output) of
    # rounding; the grids are coarser: float32's steps near 0.1 are 7e-9, float16's 6e-5
    tol = 1e-13 if got.dtype == torch.float64 else 1e-6
    xd = x.detach().double().flatten()
    sel = xd.abs() >= 0.05
    if int(sel.sum()) < 8:
        return None
    gate = 2 * got.detach().double().flatten()[sel] / xd[sel] - 1
    right = 2 * expected.detach().double().flatten()[sel] / xd[sel] - 1
    if not torch.isfinite(gate).all():
        return None
    # the right gates rounded: within one step of low's grid near 1 (a wrong constant that
    # makes every gate 0 or 1 also lies on each grid, and is named elsewhere)
    steps = {torch.float32: 1e-6, torch.float16: 1e-3, torch.bfloat16: 8e-3}
    for low in lows:
        def on_grid(g, low=low):
            return (g.to(low).double() - g).abs() <= tol
        if on_grid(gate).all() and int((~on_grid(right)).sum()) >= 4 and bool(
                ((gate - right).abs() <= steps[low]).all()):
            name = str(low).split(".")[-1]
            cast = ".float()" if low == torch.float32 else (
                ".half()" if low == torch.float16 else ".bfloat16()")
            return (f"every tanh value in your output is a {name} number (the gate 2 * "
                    f"GELU(x) / x - 1 read back from it lies on {name}'s grid), while the rest "
                    f"of the formula keeps {str(got.dtype).split('.')[-1]}: tanh ran on a "
                    f"{name} argument ({cast} or .to(torch.{name})) and was cast back; compute "
                    "tanh in x's own dtype")
    return None


def _gelu_fit_hint(x, got):
    """Name a wrong constant when ``got`` has GELU's form 0.5 * x * (1 + tanh(a*x + c*x**3)):
    a and c are fitted on the points with 0.2 <= |x| <= 2.5 (tanh far from saturation)."""
    x, y = x.double().flatten(), got.double().flatten()
    sel = (x.abs() >= 0.2) & (x.abs() <= 2.5)
    if int(sel.sum()) < 8:
        return None
    g = 2 * y[sel] / x[sel] - 1  # tanh(a*x + c*x**3)
    if not torch.isfinite(g).all():
        return None
    keep = g.abs() < 0.999  # a large coefficient saturates tanh early: fit where it does not
    if int(keep.sum()) < 8:
        return None
    xs, g = x[sel][keep], g[keep]
    z = torch.atanh(g)
    design = torch.stack((xs, xs**3), dim=1)
    sol = torch.linalg.lstsq(design, z.unsqueeze(1)).solution.squeeze(1)
    if (design @ sol - z).abs().max() > 1e-3:
        return None  # not of that form: no constant to name
    a, c = sol.tolist()
    # float64 values give a and c to about 1e-10, so a digit dropped from 0.044715 (0.04471)
    # shows; float32 rounding leaves them uncertain to about 1e-5
    exact = got.dtype == torch.float64
    tol_a, tol_c, digits = (1e-8, 1e-7, 9) if exact else (3e-5, 2e-4, 6)
    if abs(a) >= 1e-3 and abs(c) < 1e-5 * abs(a):  # tanh(a * x): the cubic term became linear
        three = abs(a / (2 / torch.pi) ** 0.5 - (1 + 3 * 0.044715)) < 1e-3
        return (f"tanh's argument has no cubic term, it is {a:.4f} * x"
                + (" = sqrt(2 / pi) * (x + 0.044715 * 3 * x): x**3 is written as 3 * x"
                   if three else "") + "; the cube must be there, sqrt(2 / pi) * (x + 0.044715 "
                "* x**3) (x**3 or x * x * x)")
    if abs(a) < 1e-4 and abs(c) >= 1e-4:
        return (f"tanh's argument has no linear term (it is {c:.4g} * x**3): the x in "
                "(x + 0.044715 * x**3) is missing")
    if abs(a) < 1e-4 and abs(c) < 1e-4:
        return ("tanh's argument is 0 everywhere, so your GELU is 0.5 * x: the factor sqrt(2 / "
                "pi) came out as 0 (2 // math.pi is integer division, which gives 0; write "
                "math.sqrt(2 / math.pi))")
    root = (2 / torch.pi) ** 0.5
    if abs(a - 0.044715 * root) < 1e-4 and abs(c - root) < 1e-3:
        return (f"tanh's argument is {a:.4f} * x + {c:.4f} * x**3 = sqrt(2 / pi) * (0.044715 * "
                "x + x**3): 0.044715 multiplies x instead of x**3; write sqrt(2 / pi) * "
                "(x + 0.044715 * x**3)")
    parts = []
    if abs(a - (2 / torch.pi) ** 0.5) > tol_a:
        known = {"sqrt(2 / e): use math.pi, not math.e": (2 / torch.e) ** 0.5,
                 "2 / sqrt(pi): ** binds tighter than /, so 2 / math.pi ** 0.5 takes the root of "
                 "pi alone; write math.sqrt(2 / math.pi) or (2 / math.pi) ** 0.5":
                     2 / torch.pi ** 0.5,
                 "1 / pi: (2 / math.pi) ** 1/2 is ((2 / pi) ** 1) / 2, since ** binds tighter "
                 "than /; write ** 0.5 or math.sqrt(2 / math.pi)": 1 / torch.pi}
        name = next((n for n, v in known.items() if abs(a - v) < 1e-3), None)
        pi = 2 / a**2  # the pi that sqrt(2 / pi) would need to give a
        single = float(torch.tensor(root, dtype=torch.float32))
        if name is None and exact and abs(a - single) < 1e-9:  # 2.2e-8 from the float64 root
            name = ("sqrt(2 / pi) rounded to float32, as np.float32(...), torch.tensor(...) or "
                    "a float32 array keeps it: keep it a Python float, math.sqrt(2 / math.pi)")
        if name is None and 3.0 < pi < 3.3:
            name = (f"sqrt(2 / {pi:.5g}): pi taken as {pi:.5g}"
                    + (" = 22/7" if abs(pi - 22 / 7) < 2e-4 else "") + "; use math.pi")
        parts.append(f"the factor multiplying (x + 0.044715 * x**3) inside tanh is "
                     f"{a:.{digits}g}, not sqrt(2 / pi) = {root:.{digits}g}"
                     + (f" (it is {name})" if name else ""))
    if abs(a) > 1e-3 and abs(c / a - 0.044715) > tol_c:
        bare = {"0.044715 * x**3 is not multiplied by sqrt(2 / pi): the factor must multiply "
                "the whole (x + 0.044715 * x**3)": 0.044715,
                "in the sigmoid form x * sigmoid(2 * sqrt(2 / pi) * (x + 0.044715 * x**3)), "
                "0.044715 * x**3 is not multiplied by 2 * sqrt(2 / pi)": 0.044715 / 2}
        name = next((n for n, v in bare.items() if abs(c - v) < 1e-5), None)
        parts.append(f"the cubic coefficient is {c / a:.{digits - 1}g}, not 0.044715"
                     + (f" ({name})" if name else ""))
    return "; ".join(parts) if parts else None


def _gelu_contrast(x, got, expected, atol):
    """Where the values differ: for negative or positive x, small or large |x|."""
    off = ((got.double() - expected.double()).abs() > atol).flatten()
    xs = x.flatten()
    parts = [name for name, sel in (("x < -3", xs < -3), ("-3 <= x < 0", (xs >= -3) & (xs < 0)),
                                    ("x = 0", xs == 0), ("0 < x <= 3", (xs > 0) & (xs <= 3)),
                                    ("x > 3", xs > 3)) if bool((off & sel).any())]
    right = [name for name, sel in (("negative x", xs < 0), ("positive x", xs > 0))
             if bool(sel.any()) and not bool((off & sel).any())]
    gs, es = got.double().flatten(), expected.double().flatten()
    probes = []
    for t in (-1.0, 1.0, 3.0):  # the docstring's values, where this input has them
        i = int((xs.double() - t).abs().argmin())
        if abs(xs[i].item() - t) < 1e-3 and bool(off[i]):
            probes.append(f"GELU({t:g}) is {gs[i].item():.4g}, expected {es[i].item():.4g}")
    return (f"{int(off.sum())} of {xs.numel()} values differ, for {', '.join(parts)}"
            + (f"; for {' and '.join(right)} yours is right" if right else "")
            + (f" ({'; '.join(probes)})" if probes else "")
            + (_gelu_cutoff(xs, gs, off, atol) or _gelu_shape_hint(xs, gs, es, off))
            + ": compare your formula with 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * "
            "x**3)))")


def _gelu_cutoff(xs, gs, off, atol):
    """'; ...' when every differing value is x itself, 0 or ReLU(x): a switch past a cut-off."""
    xd = xs.double()
    for name, value in (("x itself", xd), ("0", torch.zeros_like(xd)),
                        ("ReLU(x) = max(x, 0)", xd.clamp(min=0))):
        if bool(off.any()) and (gs[off] - value[off]).abs().max().item() <= atol:
            lo, hi = xd[off].min().item(), xd[off].max().item()
            return (f"; wherever yours differs (x from {lo:.4g} to {hi:.4g}) it is exactly "
                    f"{name}, and right elsewhere: a cut-off (torch.where, a clamp or an if) "
                    f"switches to {name} there, but GELU only approaches it (GELU(3) = 2.9964, "
                    "GELU(-3) = -0.0036); drop the switch, the formula holds for every x")
    return ""


def _gelu_shape_hint(xs, gs, es, off):
    """What the differing values have in common: one factor, or (on inputs symmetric about 0)
    whether f(x) - f(-x) = x holds, as it does for 0.5 * x * (1 + t(x)) with any odd t: then
    the outer 0.5 * x * (1 + ...) is right and the difference is inside tanh."""
    xd = xs.double()
    big = off & (es.abs() > 1e-3)
    if int(big.sum()) >= 4:
        ratio = gs[big] / es[big]
        if abs(ratio.mean().item() - 1) > 1e-3 and (ratio - ratio.mean()).abs().max().item() \
                < 1e-4 * max(1.0, ratio.abs().mean().item()):
            return (f"; every differing value is {ratio.mean().item():.4g} times the expected: "
                    "a constant factor multiplies the whole result")
    order = xd.argsort()
    if xd.numel() < 8 or not torch.allclose(xd[order], -xd[order].flip(0), atol=1e-6):
        return ""
    gap = gs[order] - gs[order.flip(0)] - xd[order]  # f(x) - f(-x) - x
    if not torch.isfinite(gap).all():
        return ""
    worst = int(gap.abs().argmax())
    scale = max(1.0, xd.abs().max().item()) + 1e-2 * gs.abs().max().item()  # float32 rounding
    if gap.abs().max().item() < 1e-4 * scale:
        extra = _gelu_even_term(xd, gs - es)
        if extra:
            return extra
        return ("; yet your f(x) - f(-x) equals x everywhere, as 0.5 * x * (1 + t(x)) gives for "
                "any odd t: the outer 0.5 * x * (1 + ...) is right, so the difference is inside: "
                "tanh itself or its argument sqrt(2 / pi) * (x + 0.044715 * x**3)"
                + _gelu_gate_facts(xd, gs, es))
    a = xd[order][worst].item()
    nz = xd.abs() > 1e-3
    gate = 2 * gs / xd.where(nz, torch.ones_like(xd)) - 1  # t(x) where f = 0.5 * x * (1 + t)
    twin = gate[order.flip(0)]  # t(-x)
    if bool(nz.any()) and (gate[nz].abs() <= 1 + 1e-6).all() and \
            (gate[order][nz[order]] + twin[nz[order]]).abs().max().item() > 1e-4:
        i = int((gate[order] + twin).where(nz[order], torch.zeros_like(twin)).abs().argmax())
        v = xd[order][i].item()
        even = _gelu_even_part(xd[order], gate[order], twin, nz[order])
        if even:
            return (f"; your gate 2 * f(x) / x - 1, the part in place of tanh(...), stays in "
                    f"[-1, 1] like a tanh but is not odd (at x = {v:.3g} it is "
                    f"{gate[order][i]:.4g}, at x = {-v:.3g} {twin[i]:.4g}): read back from "
                    f"your output, tanh's argument has an even part, {even}, where "
                    "sqrt(2 / pi) * (x + 0.044715 * x**3) has none (it is odd in x)")
        return (f"; your f(x) - f(-x) is not x (at x = {a:.3g} it is {(gap[worst] + a).item():.4g})"
                f", yet your gate 2 * f(x) / x - 1, the part in place of tanh(...), stays in "
                f"[-1, 1] like a tanh; it is not odd: at x = {v:.3g} it is {gate[order][i]:.4g} "
                f"and at x = {-v:.3g} it is {twin[i]:.4g}, where tanh of an odd argument gives "
                "opposite values: tanh's argument has an even part (a power like x**2 or x**4, "
                "an abs, or a parenthesis that multiplies the sum x + 0.044715 by x**3): it "
                "must be sqrt(2 / pi) * (x + 0.044715 * x**3), odd in x")
    return (f"; your f(x) - f(-x) is not x (at x = {a:.3g} it is "
            f"{(gap[worst] + a).item():.4g}), though 0.5 * x * (1 + t(x)) gives x for any odd t "
            "such as tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)): the difference is outside that "
            "odd part: the leading 0.5 * x, the 1 +, or a function in place of tanh that is not "
            "odd" + _gelu_outer_facts(xd, gs, es))


def _gelu_even_part(xs, gate, twin, nz):
    """The even part (z(x) + z(-x)) / 2 of tanh's argument z = atanh(gate), read back where tanh
    is not saturated: 'a constant c (something added inside tanh)', 'c * x**2' or 'c * |x|',
    or '' when it is none of these."""
    sel = nz & (gate.abs() < 0.99) & (twin.abs() < 0.99)
    if int(sel.sum()) < 6:
        return ""
    x, even = xs[sel], (torch.atanh(gate[sel]) + torch.atanh(twin[sel])) / 2
    for name, base in (("", torch.ones_like(x)), (" * x**2", x**2), (" * |x|", x.abs())):
        c = float((even * base).sum() / (base * base).sum())
        if abs(c) > 1e-4 and (even - c * base).abs().max().item() <= 1e-2 * abs(c) * (
                base.abs().max().item()):
            return (f"{c:.4g}{name}" + (", a constant: something is added inside tanh (or "
                                        "to its argument)" if not name else ""))
    return ""


def _gelu_even_term(xd, diff):
    """'; ...' when your output is GELU(x) plus c * x**2, c * x**4 or c * |x| exactly: an even
    term added outside keeps f(x) - f(-x) = x, so it would pass for a change inside tanh."""
    for name, base in (("x**2", xd**2), ("x**4", xd**4), ("|x|", xd.abs())):
        c = float((diff * base).sum() / (base * base).sum())
        if abs(c) > 1e-6 and (diff - c * base).abs().max().item() <= 1e-3 * diff.abs().max().item():
            return (f"; your output is GELU(x) + {c:.4g} * {name} at every x: an extra term "
                    "added outside 0.5 * x * (1 + tanh(...)); being the same at x and -x, it "
                    "keeps f(x) - f(-x) = x, so the leading 0.5 * x and the 1 + are right: "
                    "remove the added term")
    return ""


def _gelu_gate_facts(xd, gs, es):
    """Read the gate t(x) = 2 * f(x) / x - 1 (tanh(...) in GELU) off the output at x = 1 and 2:
    tanh stays inside (-1, 1), and the right argument there is 0.8236 and 1.8817."""
    facts = []
    for v in (1.0, 2.0):
        i = int((xd - v).abs().argmin())
        if abs(xd[i].item() - v) > 1e-3:
            continue
        gate, want = 2 * gs[i].item() / v - 1, 2 * es[i].item() / v - 1
        if abs(gate - want) < 1e-5:
            continue
        if abs(gate) >= 1:
            return (f"; your gate 2 * f(x) / x - 1, the part in place of tanh(...), is "
                    f"{gate:.4g} at x = {v:g}, outside (-1, 1) where tanh always stays: the "
                    "function is not torch.tanh (sinh, exp or a hand-written tanh?)")
        facts.append(f"tanh's argument at x = {v:g} is {math.atanh(gate):.4g}, expected "
                     f"{math.atanh(want):.4g} ({math.atanh(gate) / math.atanh(want):.4g} times)")
    if facts:
        return ("; read back from your output, " + ", ".join(facts)
                + (_gelu_not_tanh(xd, gs) or ": check sqrt(2 / pi) and (x + 0.044715 * x**3)"))
    wrong = (gs - es).abs() > 1e-5  # x = 1 and 2 are right: read the gate at the worst point
    if not bool(wrong.any()):
        return ""
    i = int(((gs - es).abs() * (xd.abs() > 1e-3)).argmax())
    v, near = xd[i].item(), xd[wrong].abs().min().item()
    gate, want = 2 * gs[i].item() / v - 1, 2 * es[i].item() / v - 1
    if abs(gate) >= 1:
        return ""
    z = (2 / math.pi) ** 0.5 * (v + 0.044715 * v**3)
    return (f"; your values are right for |x| < {near:.3g} and off beyond; at x = {v:.4g} your "
            f"gate 2 * f(x) / x - 1 (tanh(...) in GELU) is {gate:.7g}, expected {want:.7g}, so "
            f"tanh's argument there is {math.atanh(gate):.4g} instead of {z:.4g}"
            + (": something limits the argument or the gate for large |x| (a clamp, a cap, a "
               "torch.where)" if near >= 2 else ""))


def _gelu_not_tanh(xd, gs):
    """': ...' when the argument read back through atanh, where the gate is not saturated, is
    no a * x + b * x**3 (which any wrong constant in sqrt(2 / pi) * (x + 0.044715 * x**3)
    gives): the function in place of tanh is not tanh; else ''."""
    nz = xd.abs() > 1e-3
    gate = 2 * gs / xd.where(nz, torch.ones_like(xd)) - 1
    sel = nz & (gate.abs() < 0.99)
    if int(sel.sum()) < 8:
        return ""
    x, z = xd[sel], torch.atanh(gate[sel])
    basis = torch.stack([x, x**3], 1)
    fit = basis @ torch.linalg.lstsq(basis, z[:, None]).solution
    worst = int((fit[:, 0] - z).abs().argmax())
    if (fit[worst, 0] - z[worst]).abs().item() <= 1e-3 * z.abs().max().item():
        return ""
    return (f": no constants a and b make that argument a * x + b * x**3 (as a wrong "
            f"sqrt(2 / pi) or cubic coefficient would; at x = {x[worst].item():.3g} the best "
            f"fit is off by {(fit[worst, 0] - z[worst]).abs().item():.2g}), so the function in "
            "place of tanh is not tanh: a 'fast tanh' approximation, softsign, a sigmoid or "
            "erf shaped to look like it? use torch.tanh itself")


def _gelu_outer_facts(xd, gs, es):
    """What the outer 0.5 * x * (1 + ...) implies at x = 0 and at both ends of the input."""
    facts = []
    zero = (xd == 0).nonzero().flatten()
    if len(zero) and abs(gs[zero[0]].item()) > 1e-6:
        facts.append(f"GELU(0) is {gs[zero[0]].item():.4g}, expected 0: 0.5 * x * (...) is 0 at "
                     "x = 0, so something is added outside the factor x")
    hi, lo = int(xd.argmax()), int(xd.argmin())
    if xd[hi] >= 5 and abs(gs[hi] - es[hi]).item() > 1e-4:
        facts.append(f"at x = {xd[hi].item():g} yours is {gs[hi].item():.4g} "
                     f"({gs[hi].item() / xd[hi].item():.4g} times x) where GELU gives about x "
                     "(tanh is 1 there: 0.5 * x * (1 + 1))")
    if xd[lo] <= -5 and abs(gs[lo] - es[lo]).item() > 1e-4:
        facts.append(f"at x = {xd[lo].item():g} yours is {gs[lo].item():.4g} where GELU gives "
                     "about 0 (tanh is -1 there: 0.5 * x * (1 - 1))")
    return "; " + "; ".join(facts) if facts else ""


def _gelu_case(impl, x, atol=1e-5):
    x_in = x.clone()
    try:  # a Python-number function (math.tanh) works on one value only: say so when it does
        one = impl()(torch.tensor([1.0]))
        scalar = [("only one element tensors", "your GELU runs on a single value (GELU(1) gives "
                   f"{float(one):.4g}) but not on several: a function for Python numbers "
                   "(math.tanh, math.exp, math.pow, float(...)) turned the tensor into one "
                   "number; use the torch versions (torch.tanh), which work elementwise")]
    except Exception:  # noqa: BLE001 - no evidence either way
        scalar = []
    xor = [("bitwise_xor", "in Python `^` is bitwise XOR, not a power; write the cube as x**3 "
                           "(or torch.pow(x, 3))")]  # torch's NotImplementedError for a float ^ 3
    zero_d = [("tuple index out of range", "GELU must take a tensor of any shape, a 0-d "
               "tensor (one number) included: your code reads a dimension (x.shape[-1], "
               "x.size(0)) that a 0-d tensor does not have; the formula works elementwise on "
               "x as it is, with no reshape")] if x.dim() == 0 else []
    out = call_answer(_module(impl(), "GELU()"), (x_in,), "GELU", hints=scalar + xor + zero_d)
    if x.dim() == 0 and isinstance(out, torch.Tensor) and tuple(out.shape) == (1,):
        pair = impl()(torch.tensor([1.5, -1.0]))  # does a 1-D input keep its shape?
        if isinstance(pair, torch.Tensor) and tuple(pair.shape) == (2,):
            raise CheckFailure(
                "a 0-d input (one number) came back with shape (1,), while a (2,) input keeps "
                "its shape: x is broadcast against something of shape (1,) inside, typically "
                "a constant made as a one-element tensor (torch.tensor([0.044715])), or "
                "x.reshape(1) / torch.atleast_1d; keep the constants Python floats "
                "(math.sqrt(2 / math.pi), 0.044715), which keep x's shape and device")
    got = _as_tensor(out, "GELU's output", x.shape)
    if got.dtype != x.dtype:
        raise CheckFailure(f"GELU returned {got.dtype} for a {x.dtype} input: keep the input's "
                           "dtype (use Python floats or math.sqrt for the constants)")
    if not torch.equal(x_in, x):
        raise CheckFailure("GELU changed its input in place (x += ..., x.mul_(...)): the "
                           "caller's tensor must stay as it was; build the result from new "
                           "tensors")
    expected = F.gelu(x, approximate="tanh")
    # float32 rounding of values up to 8 is about 1e-6; the kept mutants differ by 4.7e-4 (the
    # erf GELU) or more.
    overflow = _gelu_nan_hint(x, got)
    hint = likely_cause(got, _gelu_mistakes(x), atol=atol) or overflow or _low_precision_hint(
        got, expected) or _gelu_gate_precision_hint(x, got, expected) or _gelu_fit_hint(
        x, got) or _gelu_contrast(x, got, expected, atol)
    assert_close(got, expected, what=f"GELU on {tuple(x.shape)} {x.dtype} values in "
                 f"[{x.min().item():.3g}, {x.max().item():.3g}]", atol=atol, hint=hint)


def _gelu_nan_hint(x, got):
    """Where the NaN or inf values sit, and what that points to (None when all are finite)."""
    bad = ~torch.isfinite(got)
    if not bad.any():
        return None
    c = 0.044715
    root_all = 0.5 * x * (1 + torch.tanh(torch.sqrt(2 / torch.pi * (x + c * x**3))))
    where = (f"your GELU gives NaN or inf at {int(bad.sum())} of {x.numel()} inputs, the first "
             f"at x = {x[bad][0].item():g}")
    if torch.allclose(got, root_all, atol=1e-5, equal_nan=True):
        return (f"{where}: every negative input gives NaN, as sqrt(2 / pi * (x + 0.044715 * "
                "x**3)) does: the square root covers the whole argument; take it of 2 / pi "
                "alone, math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)")
    if bool((bad == (x < 0)).all()) or bool((bad <= (x < 0)).all() and (x[bad] < -1).all()):
        return (f"{where}, all of them negative and the positive ones finite: a square root, "
                "log or fractional power of a negative value (torch.sqrt, ** 0.5 or ** 1.5 "
                "on an expression with x in it?); the only root in GELU is sqrt(2 / pi)")
    if bool((x[bad].abs() >= 10).all()):
        return (f"{where}, only for |x| of 10 or more: a tanh written by hand with exp "
                "overflows for large inputs (inf / inf); use torch.tanh")
    return (f"{where}: none of GELU's steps can give NaN for a finite x when written with "
            "torch.tanh and x**3; look for a division, a root or a log in your formula")


def check_gelu(impl):
    batch = torch.randn(2, 3, 5, generator=torch.Generator().manual_seed(2)) * 3
    check_cases(state_probed(impl, probe_first=False, cases=[
        ("GELU's state_dict", _gelu_state),  # first: a buffer is also float32
        ("a line of 321 points in [-8, 8]", lambda a: _gelu_case(a, torch.linspace(-8, 8, 321))),
        ("a (2, 3, 5) batch", lambda a: _gelu_case(a, batch)),
        ("a batch of one, shape (1, 4, 1)", lambda a: _gelu_case(
            a, torch.linspace(-3, 3, 4).reshape(1, 4, 1))),
        ("a transposed (5, 3) view, not contiguous", lambda a: _gelu_case(a, batch[0].t())),
        # float64: rounding stays near 1e-15, so a rounded constant (0.0447: 8.8e-6) shows, and
        # so does sqrt(2 / pi) kept as a float32 tensor (7.2e-9); 0.79788456 (2.6e-10) passes
        ("float64 points in [-4, 4]", lambda a: _gelu_case(
            a, torch.linspace(-4, 4, 161, dtype=torch.float64), atol=5e-10)),
        ("the gradient on [-4, 4]", _gelu_grad),
        ("one GELU called twice", _gelu_second_call),
        ("large inputs, |x| from 10 to 1000", lambda a: _gelu_case(
            a, torch.tensor([-1000.0, -100.0, -30.0, -10.0, 10.0, 30.0, 100.0, 1000.0]))),
        ("a 0-d tensor, GELU(tensor(1.5))", lambda a: _gelu_case(a, torch.tensor(1.5))),
        ("bfloat16 and float16 inputs (a model in half precision)", _gelu_half),
        ("inf and NaN inputs (a diverging model)", _gelu_nonfinite),
        ("the formula written out", _gelu_own_formula),
    ]))


class _GeluSpy(TorchFunctionMode):
    """Record whether torch's own GELU (F.gelu, which nn.GELU calls) runs."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if getattr(func, "__name__", "") == "gelu":
            self.calls.append(dict(kwargs or {}).get(
                "approximate", args[1] if len(args) > 1 else "none"))
        return func(*args, **(kwargs or {}))


def _gelu_own_formula(impl):
    """The docstring asks for the formula written out: torch's GELU gives the right values
    (with approximate="tanh"), so only a spy on the call tells it."""
    gelu = _module(impl(), "GELU()")
    with _GeluSpy() as spy:
        call_answer(gelu, (torch.linspace(-3, 3, 13),), "GELU on (13,) values in [-3, 3]")
    if spy.calls:
        raise CheckFailure(
            "your GELU calls torch's own GELU (torch.nn.functional.gelu or nn.GELU, "
            f"approximate={spy.calls[0]!r}): its values are right, but the exercise is to "
            "write the formula yourself: 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * "
            "(x + 0.044715 * x**3)))")


def _gelu_nonfinite(impl):
    """GELU(inf) is inf and GELU(nan) is NaN: the formula lets a diverging model's values
    through, so a NaN loss shows instead of being hidden (-inf is left out: the formula gives
    -inf * 0, NaN, there)."""
    x = torch.tensor([float("inf"), float("nan"), 1.0, -1.0])
    got = _as_tensor(call_answer(_module(impl(), "GELU()"), (x.clone(),), "GELU on [inf, nan, "
                                 "1, -1]"), "GELU's output", x.shape)
    expected = F.gelu(x, approximate="tanh")
    if torch.allclose(got, expected, atol=1e-5, equal_nan=True) and bool(torch.isnan(got[1])):
        return
    shown = ", ".join(f"{v:g}" for v in got.tolist())
    finite = bool(torch.isfinite(got[:2]).all())
    raise CheckFailure(
        f"GELU([inf, nan, 1, -1]) gave [{shown}], the formula gives [inf, nan, 0.8412, "
        "-0.1588]" + (": the inf and the NaN came back as finite numbers, so your GELU "
                      "replaces non-finite values (torch.nan_to_num, a clamp, torch.where "
                      "on isnan): let them through, so that a model that diverges shows "
                      "NaN instead of hiding it" if finite and torch.allclose(
                          got[2:], expected[2:], atol=1e-5) else
                      ": GELU works elementwise with the same formula on every value; an "
                      "inf or a NaN input must give what the formula gives"))


def _gelu_half(impl):
    """A module in half precision feeds GELU bfloat16 or float16 values: they must come back in
    that dtype, close to GELU computed in float32 (half precision keeps about 3 digits)."""
    for dtype in (torch.bfloat16, torch.float16):
        x = torch.linspace(-4, 4, 33).to(dtype).reshape(3, 11)
        got = _as_tensor(call_answer(_module(impl(), "GELU()"), (x.clone(),),
                                     f"GELU on a {dtype} input"), "GELU's output", x.shape)
        if got.dtype != dtype:
            wide = call_answer(_module(impl(), "GELU()"), (x.double(),),
                               "GELU on a float64 input") if got.dtype == torch.float32 else None
            # x.float() gives GELU in float32 exactly; a float32 tensor made inside meets
            # values already rounded in half precision, while float64 inputs stay float64
            made = isinstance(wide, torch.Tensor) and wide.dtype == torch.float64 and not (
                torch.allclose(got, F.gelu(x.float(), approximate="tanh"), atol=1e-5))
            raise CheckFailure(
                f"GELU returned {got.dtype} for a {dtype} input (a model run in half "
                "precision): keep the input's dtype"
                + (": x itself is not cast (a float64 input stays float64, and your float32 "
                   "output carries half-precision rounding); a float32 "
                   "tensor made inside forward (torch.ones(x.shape), torch.zeros(...), "
                   "torch.tensor(...) without dtype=) meets the half-precision x and promotes "
                   "the result to float32: use torch.ones_like(x) or a Python number"
                   if made else
                   ": x is cast to float32 (x.float(), .to(torch.float32)) and the result is "
                   "never cast back; compute on x as it is, or return the result .to(x.dtype)"
                   if got.dtype == torch.float32 else ""))
        assert_close(got.float(), F.gelu(x.float(), approximate="tanh"), what=f"GELU on "
                     f"{dtype} values in [-4, 4]", atol=2e-2, rtol=2e-2)


def _gelu_second_call(impl):
    """One module run on two inputs of the same shape: the second output must be its own."""
    gelu = _module(impl(), "GELU()")
    first, second = torch.linspace(-3, 3, 12), torch.linspace(-2, 4, 12)
    call_answer(gelu, (first,), "GELU's first call on (12,) values in [-3, 3]")
    got = _as_tensor(call_answer(gelu, (second,), "GELU's second call on (12,) values in "
                                 "[-2, 4]"), "GELU's output", second.shape)
    stale = F.gelu(first, approximate="tanh")
    hint = ("the second call returned the FIRST call's output: your GELU keeps a result from "
            "an earlier call (a cache keyed by shape or a stored output); GELU is the same "
            "module for every call of a model, so compute the formula on each new x"
            if torch.allclose(got.double(), stale.double(), atol=1e-6) else
            "the same GELU object gives another result on its second call than a fresh one: "
            "something kept between calls changes the output; compute from x alone")
    assert_close(got, F.gelu(second, approximate="tanh"), what="the second call of one GELU "
                 "on other values of the same shape (12,)", atol=1e-5, hint=hint)
    # a third call in float64 (a model moved with .double() after running in float32): GELU
    # has no parameters, so nothing it made on its first call may follow the dtype
    third = torch.linspace(-4, 4, 161, dtype=torch.float64)
    got = _as_tensor(call_answer(gelu, (third,), "GELU's third call, on float64 values in "
                                 "[-4, 4]"), "GELU's output", third.shape)
    fresh = _as_tensor(call_answer(_module(impl(), "GELU()"), (third,), "a new GELU on float64 "
                                   "values in [-4, 4]"), "GELU's output", third.shape)
    expected = F.gelu(third, approximate="tanh")
    if torch.allclose(fresh, expected, rtol=0, atol=5e-10) and got.dtype == third.dtype and \
            not torch.allclose(got, expected, rtol=0, atol=5e-10):
        kept = likely_cause(got, {"float32": 0.5 * third * (1 + torch.tanh(torch.tensor(
            (2 / torch.pi) ** 0.5).double() * (third + 0.044715 * third**3)))}, atol=5e-10)
        assert_close(got, expected, what="a float64 call of a GELU that ran on float32 values "
                     "before", atol=5e-10, hint=(
                         "a new GELU gets these float64 values right, but one that ran on "
                         "float32 values first does not"
                         + (": its sqrt(2 / pi) is rounded to float32, so your GELU keeps a "
                            "constant tensor made on its first call in that call's dtype "
                            "(self.c = torch.tensor(..., dtype=x.dtype) once); keep the "
                            "constants Python floats, math.sqrt(2 / math.pi)"
                            if kept else ": your GELU keeps something made on its first call "
                            "(a tensor in that call's dtype?); compute from x alone")))


def _gelu_state(impl):
    gelu = _module(impl(), "GELU()")
    entries = sorted(gelu.state_dict())
    trainable = sorted(name for name, _ in gelu.named_parameters())
    if trainable:
        raise CheckFailure(f"GELU has the trainable parameters {trainable} (nn.Parameter): "
                           "GELU's constants are fixed, not learned; as parameters, training "
                           "would change them and they would be saved with the model, so "
                           "GPT-2's checkpoints would no longer load: keep them as Python "
                           "floats (math.sqrt(2 / math.pi), 0.044715)")
    if entries:
        raise CheckFailure(f"GELU's state_dict holds {entries}; GELU has no weights: keep the "
                           "constants as Python floats (math.sqrt(2 / math.pi)), since a "
                           "registered buffer is saved with the model and GPT-2's checkpoints "
                           "would no longer load")


def _gelu_grad(impl):
    x = torch.linspace(-4, 4, 81, dtype=torch.float64, requires_grad=True)
    out = call_answer(_module(impl(), "GELU()"), (x,), "GELU on a float64 input", hints=[(
        "numpy() on Tensor that requires grad", "a NumPy function (np.tanh, np.exp, ...) "
        "turned x into a NumPy array, which autograd cannot follow (adding .detach() would only "
        "lose the gradient): use the torch function, torch.tanh, on the tensor")])
    _as_tensor(out, "GELU's output", x.shape)
    if not out.requires_grad:
        raise CheckFailure("GELU's output has no gradient: do not compute it under "
                           "torch.no_grad() or with .detach()")
    got = torch.autograd.grad(out.sum(), x, allow_unused=True)[0]
    got = torch.zeros_like(x) if got is None else got
    xr = x.detach().clone().requires_grad_(True)
    expected = torch.autograd.grad(F.gelu(xr, approximate="tanh").sum(), xr)[0]
    xd = x.detach()
    gate = 0.5 * (1 + torch.tanh((2 / torch.pi) ** 0.5 * (xd + 0.044715 * xd**3)))
    outer = torch.autograd.grad(F.gelu(xr, approximate="tanh").sum(), xr)[0] - gate
    c = (2 / torch.pi) ** 0.5
    cube = torch.autograd.grad((0.5 * xr * (1 + torch.tanh(c * (xr + 0.044715 * xd**3)))).sum(),
                               xr)[0]
    hint = likely_cause(got, {
        "the cubic term is detached (x.data ** 3, x.detach() ** 3 or a NumPy cube): its share "
        "of the gradient is lost; write 0.044715 * x**3 on x itself": cube,
        "the gradient does not flow through tanh (.detach(), torch.no_grad() or .item() on "
        "the gate): write the whole formula as torch operations on x": gate,
        "the leading factor x is detached (0.5 * x.detach() * (1 + tanh(...)), or .data): the "
        "gradient flows only through tanh; use x itself in every place": outer}, atol=1e-6) or (
        "the values are right but the gradient is not: keep every step a differentiable "
        "torch operation on x.")
    assert_close(got, expected, what="GELU's gradient on float64 points in [-4, 4]", atol=1e-7,
                 hint=hint)


# --- ex4_3: FeedForward --------------------------------------------------------------------------


def _ff_mistakes(ref, x):
    lin1, lin2 = ref.layers[0], ref.layers[2]
    tanh_gelu = lin2(F.gelu(lin1(x), approximate="tanh"))
    return {
        "the activation between the two Linear layers is ReLU; use GELU (from llmscratch)":
            lin2(torch.relu(lin1(x))),
        "the activation is the exact (erf) GELU, as torch.nn.GELU() computes by default; "
        "GPT-2 uses the tanh approximation (llmscratch.GELU)": lin2(F.gelu(lin1(x))),
        "there is no activation between the two Linear layers": lin2(lin1(x)),
        "there is a GELU after the second Linear too; only the hidden layer is activated":
            F.gelu(tanh_gelu, approximate="tanh"),
        "the GELU comes after the second Linear instead of between the two (Linear -> Linear "
        "-> GELU); only the hidden layer is activated: Linear -> GELU -> Linear":
            F.gelu(lin2(lin1(x)), approximate="tanh"),
        "the GELU comes before the first Linear instead of between the two (GELU -> Linear "
        "-> Linear); only the hidden layer is activated: Linear -> GELU -> Linear":
            lin2(lin1(F.gelu(x, approximate="tanh"))),
        "the activation is SiLU (x * sigmoid(x), as in Llama); GPT-2 uses GELU (from "
        "llmscratch)": lin2(F.silu(lin1(x))),
        "the activation between the two Linear layers is tanh (nn.Tanh); use GELU (from "
        "llmscratch), whose formula only contains a tanh": lin2(torch.tanh(lin1(x))),
        "a ReLU is applied to the block's output (after the second Linear); only the hidden "
        "layer is activated, with GELU: return layers(x)": torch.relu(tanh_gelu),
        "a GELU is applied to the input too, before the first Linear; only the hidden layer is "
        "activated: Linear -> GELU -> Linear": lin2(F.gelu(lin1(F.gelu(x, approximate="tanh")),
                                                            approximate="tanh")),
        "the feed-forward block adds its input back (x + layers(x)); that shortcut belongs to "
        "the transformer block: return layers(x)": x + tanh_gelu,
    }


FF_PROBE = {"vocab_size": 70, "context_length": 11, "emb_dim": 20, "n_heads": 5, "n_layers": 3,
            "drop_rate": 0.0, "qkv_bias": False}  # sizes unlike both configs'


def _hidden_rule(impl, hidden, cfg):
    """Name the rule behind a wrong hidden width: 4 * another config key, or another multiple
    of emb_dim. A width that fits both (3 * 16 = 4 * 12) is decided by a probe config."""
    keys = [k for k, v in cfg.items() if k != "emb_dim" and type(v) is int and 4 * v == hidden]
    multiple = hidden % cfg["emb_dim"] == 0
    if keys and multiple:  # ambiguous on this config: build one where the rules part
        try:
            probe = impl(dict(FF_PROBE)).state_dict()["layers.0.weight"].shape[0]
        except Exception:  # noqa: BLE001 - no evidence either way
            probe = None
        keys = [k for k in keys if probe == 4 * FF_PROBE[k]] if probe is not None else keys
        multiple = probe is None or probe == hidden // cfg["emb_dim"] * FF_PROBE["emb_dim"]
        if keys and multiple:
            keys = []  # still both: say the multiple, the likelier slip
    if keys:
        return (f"the hidden layer is 4 * cfg[{keys[0]!r}] = {hidden} wide; it should be "
                f"4 * cfg['emb_dim'] = {4 * cfg['emb_dim']}")
    if multiple and hidden != 4 * cfg["emb_dim"] and not _hard_coded(str(hidden)):
        factor = hidden // cfg["emb_dim"]
        same = [k for k, v in cfg.items() if k != "emb_dim" and type(v) is int and v == factor]
        if same:  # a key only when the factor follows it on a config with other sizes
            try:
                probe = impl(dict(FF_PROBE)).state_dict()["layers.0.weight"].shape[0]
            except Exception:  # noqa: BLE001 - no evidence: name no key
                probe = None
            same = [k for k in same if probe == FF_PROBE[k] * FF_PROBE["emb_dim"]]
        return (f"the hidden layer is {factor} * emb_dim = {hidden} wide; it "
                f"should be 4 * emb_dim = {4 * cfg['emb_dim']}"
                + (f" ({factor} is cfg[{same[0]!r}]: the factor 4 is a constant, not a config "
                   "key, and a config whose key is 4 hides the slip)" if same else ""))
    return None


def _hidden_source(impl, hidden, cfg):
    """Where a wrong hidden width comes from when it follows the config (it differs on
    FF_PROBE, so it is not hard-coded): a multiple of another key, named when the factor is the
    same on both configs; else the two widths are shown. None for a constant width."""
    if hidden == 4 * cfg["emb_dim"]:
        return None
    other = FF_PROBE | {"vocab_size": 90, "context_length": 13, "emb_dim": 24, "n_heads": 2,
                        "n_layers": 5}  # emb_dim / n_heads unlike the other two configs
    try:
        probe, second = (impl(dict(c)).state_dict()["layers.0.weight"].shape[0]
                         for c in (FF_PROBE, other))
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if probe == hidden:
        return None
    keys = [k for k, v in cfg.items() if type(v) is int and v > 0 and hidden % v == 0
            and probe == hidden // v * FF_PROBE[k] and second == hidden // v * other[k]]
    want = f"it should be 4 * cfg['emb_dim'] = {4 * cfg['emb_dim']}"
    if keys == ["emb_dim"]:
        return (f"the hidden layer is {hidden // cfg['emb_dim']} * emb_dim = {hidden} wide (also "
                f"on configs with other sizes); {want}")
    keys = [k for k in keys if k != "emb_dim"]
    if keys:
        k, f = keys[0], hidden // cfg[keys[0]]
        head = (f" ({f} = 4 * {f // 4}: GPT-2 small's head width {f // 4} is hard-coded, "
                f"4 * n_heads * {f // 4}; the widths come from emb_dim alone)"
                if k == "n_heads" and f % 4 == 0 and f // 4 == 64 else "")
        return (f"the hidden width follows cfg[{k!r}], not emb_dim: it is {hidden} = {f} * "
                f"{cfg[k]} here and {probe} = {f} * {FF_PROBE[k]} on a config with {k}="
                f"{FF_PROBE[k]}{head}; {want}")
    widths = [(hidden, cfg["emb_dim"]), (probe, FF_PROBE["emb_dim"]), (second, other["emb_dim"])]
    fraction = next(((p, q, name) for q in (2, 3, 4) for p in range(1, 8 * q) if math.gcd(p, q)
                     == 1 for name, cut in (("int", math.floor), ("round", round),
                                            ("math.ceil", math.ceil))
                     if all(w == cut(p * e / q) for w, e in widths)), None)
    if fraction:
        p, q, name = fraction
        llama = (" (Llama's SwiGLU width, 2/3 of 4 * emb_dim; GPT-2's GELU block keeps 4x)"
                 if (p, q) == (8, 3) else "")
        return (f"the hidden width is {name}({p}/{q} * emb_dim) on all three configs tried "
                f"({hidden}, {probe} and {second} for emb_dim {cfg['emb_dim']}, "
                f"{FF_PROBE['emb_dim']} and {other['emb_dim']}){llama}; {want}")
    return (f"the hidden width is {hidden} here and {probe} on a config with "
            f"{_describe(FF_PROBE)} (expected {4 * cfg['emb_dim']} and "
            f"{4 * FF_PROBE['emb_dim']}): it follows the config but is not 4 * emb_dim; {want}")


def _feed_forward_case(impl, cfg):
    emb_dim = cfg["emb_dim"]
    torch.manual_seed(0)
    ff = _module(call_answer(impl, ({**cfg, "drop_rate": 0.5},), f"FeedForward({_describe(cfg)})",
                             hints=[("is not a Module subclass", "nn.Sequential got a class "
                                     "where it needs a module object: create an instance, "
                                     "GELU() with parentheses, not GELU")]),
                 f"FeedForward({_describe(cfg)})")
    torch.manual_seed(0)  # the same seed: the default initialisation gives the same weights
    ref = FeedForward(cfg)
    with torch.random.fork_rng():  # a second object must hold weights of its own
        twin = call_answer(impl, (dict(cfg),), f"a second FeedForward({_describe(cfg)})")
    shared = [n for n, p in ff.named_parameters()
              if isinstance(twin, torch.nn.Module) and any(p is q for q in twin.parameters())]
    if shared:
        raise CheckFailure(f"two FeedForward({_describe(cfg)}) objects share the parameters "
                           f"{shared}: the layers are kept outside the object (a class "
                           "attribute, a module-level cache or a default argument) and handed "
                           "to every FeedForward, so the blocks of a model would all train the "
                           "same weights; create the nn.Sequential in __init__, on self")
    drops = [n for n, m in ff.named_modules() if isinstance(m, torch.nn.Dropout)]
    if drops:
        raise CheckFailure(f"the feed-forward block has dropout ({', '.join(drops)}); GPT-2's "
                           "FeedForward has none (dropout sits in the transformer block, "
                           "drop_shortcut): Linear -> GELU -> Linear only")
    norms = [n for n, m in ff.named_modules()
             if isinstance(m, (llmscratch.LayerNorm, torch.nn.LayerNorm))]
    if norms:
        raise CheckFailure(f"the feed-forward block has a LayerNorm ({', '.join(norms)}); the "
                           "norm before it (norm2) belongs to the transformer block: Linear -> "
                           "GELU -> Linear only")
    lazy = [n for n, v in ff.named_parameters()
            if isinstance(v, torch.nn.parameter.UninitializedParameter)]
    if lazy:
        raise CheckFailure(f"{', '.join(lazy)} are not initialised (nn.LazyLinear?): a lazy "
                           "layer draws its weights at the first forward, not in the "
                           "constructor, so it has no shape to load GPT-2's weights into and "
                           "other weights under a seed; use nn.Linear(emb_dim, 4 * emb_dim) and "
                           "nn.Linear(4 * emb_dim, emb_dim)")
    odd_dtype = {n: v.dtype for n, v in ff.named_parameters() if v.dtype != torch.float32}
    if odd_dtype:
        name, dtype = next(iter(odd_dtype.items()))
        raise CheckFailure(f"{name} is {dtype} after FeedForward(cfg); nn.Linear's default is "
                           "float32, as in GPTModel: create the layers without dtype=... (a "
                           "caller who wants float64 calls .double() on the whole model)")
    shapes = {k: tuple(v.shape) for k, v in ff.state_dict().items()}
    want = {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    if shapes != want:
        no_bias = sorted(set(want) - set(shapes))
        if not shapes:
            why = ("the module has no parameters at all: keep the layers in an nn.Sequential "
                   "(a plain list hides them from PyTorch, so they are never trained or saved)")
        elif not any(k.endswith("bias") for k in shapes):
            why = "the Linear layers have no bias: GPT-2's feed-forward layers have biases"
            try:  # bias=cfg["qkv_bias"]? then the biases come back with qkv_bias=True
                other = impl({**cfg, "qkv_bias": not cfg["qkv_bias"]}).state_dict()
            except Exception:  # noqa: BLE001 - no evidence either way
                other = {}
            if not cfg["qkv_bias"] and set(other) == set(want):
                why = ("the Linear layers have no bias here, with qkv_bias=False, but they do "
                       "with qkv_bias=True: the biases follow cfg['qkv_bias'], which is for "
                       "query, key and value only; the feed-forward layers always have a bias "
                       "(bias=True, nn.Linear's default)")
        elif set(shapes) == set(want) and shapes["layers.0.weight"] == want["layers.2.weight"] \
                and shapes["layers.2.weight"] == want["layers.0.weight"]:
            why = ("the two Linear layers are swapped: the first goes from emb_dim to "
                   "4 * emb_dim, the second back to emb_dim")
        elif no_bias and all(k.endswith("bias") for k in no_bias) and set(shapes) < set(want):
            why = (f"{', '.join(k[:-5] for k in no_bias)} has no bias: both Linear layers "
                   "keep bias=True")
        elif set(shapes) == {"layers.1.weight", "layers.1.bias", "layers.2.weight",
                             "layers.2.bias"}:
            why = ("the GELU comes before the first Linear (layers.0); it sits between the two "
                   "Linear layers: Linear, GELU, Linear")
        elif set(shapes) == {"layers.0.weight", "layers.0.bias", "layers.1.weight",
                             "layers.1.bias"}:
            layers = getattr(ff, "layers", None)
            outside = isinstance(layers, torch.nn.Sequential) and len(layers) == 2 and any(
                not n.startswith("layers") and not isinstance(m, torch.nn.Linear)
                for n, m in ff.named_modules() if n)
            why = ("the GELU is kept outside the nn.Sequential, so the second Linear becomes "
                   "layers.1: put all three in it, nn.Sequential(Linear, GELU, Linear), so "
                   "that the keys are layers.0 and layers.2" if outside else
                   "the GELU must sit between the two Linear layers (layers.1), not after them"
                   if any(isinstance(m, (llmscratch.GELU, torch.nn.GELU))
                          for m in ff.modules()) else
                   "the Sequential holds no GELU, only the two Linear layers, so the second "
                   "became layers.1: put GELU() between them, nn.Sequential(Linear, GELU, "
                   "Linear)")
        elif set(shapes) == set(want) and shapes["layers.0.weight"][1] != emb_dim:
            why = (f"the sizes are hard-coded (the first Linear takes "
                   f"{shapes['layers.0.weight'][1]} inputs): use cfg['emb_dim']")
        elif set(shapes) == set(want) and _hidden_rule(impl, shapes["layers.0.weight"][0],
                                                         cfg):
            why = _hidden_rule(impl, shapes["layers.0.weight"][0], cfg)
        elif set(shapes) == set(want) and (source := _hidden_source(
                impl, shapes["layers.0.weight"][0], cfg)):
            why = source
        elif set(shapes) == set(want) and _hard_coded(str(shapes["layers.0.weight"][0])):
            why = (f"the hidden width is {shapes['layers.0.weight'][0]}"
                   + _hard_coded(str(shapes["layers.0.weight"][0])))
        elif set(shapes) == set(want) and shapes["layers.0.weight"][0] != 4 * emb_dim \
                and shapes["layers.0.weight"][0] % emb_dim == 0:
            why = (f"the hidden layer is {shapes['layers.0.weight'][0] // emb_dim} * emb_dim "
                   "wide; it should be 4 * emb_dim")
        elif set(shapes) == set(want) and shapes["layers.2.weight"][0] != emb_dim and \
                shapes["layers.0.weight"] == want["layers.0.weight"]:
            out_w = shapes["layers.2.weight"][0]
            keys = [k for k, v in cfg.items() if v == out_w and not isinstance(v, bool)]
            why = (f"the second Linear maps back to {out_w} features"
                   + (f", which is cfg[{keys[0]!r}]" if keys else "")
                   + f", not emb_dim = {emb_dim} (the first Linear is right): "
                   "nn.Linear(4 * emb_dim, cfg['emb_dim']), so the block returns the width it "
                   "was given")
        elif set(shapes) == set(want):
            why = {k: (shapes[k], want[k]) for k in want if shapes[k] != want[k]}
            why = (f"these shapes differ (yours, expected): {why}; the hidden width is "
                   "4 * emb_dim in both Linear layers")
        elif (sorted(v for v in shapes.values()) == sorted(v for v in want.values())
              and isinstance(getattr(ff, "layers", None), torch.nn.Sequential)
              and len(ff.layers) > 3 and not any(isinstance(m, torch.nn.Dropout)
                                                 for m in ff.layers)):
            kinds = [type(m).__name__ for m in ff.layers]
            why = (f"layers holds {len(kinds)} modules, {kinds}; it has exactly three, "
                   "Linear, GELU, Linear (one GELU), so the second Linear is layers.2")
        elif sorted(v for v in shapes.values()) == sorted(v for v in want.values()):
            why = ("the shapes are right, but the keys are not the book's: pass the three "
                   "layers to nn.Sequential in order, without names (no OrderedDict), so they "
                   "are layers.0 and layers.2, the keys GPT-2's weights are loaded into")
        else:
            why = ("use an nn.Sequential named 'layers' with Linear(emb_dim, 4 * emb_dim), GELU,"
                   " Linear(4 * emb_dim, emb_dim)")
        raise CheckFailure(f"with emb_dim={emb_dim} the state_dict is {shapes}, expected {want}:"
                           f" {why}")
    same_init = all(torch.equal(v, ref.state_dict()[k]) for k, v in ff.state_dict().items())
    ref.load_state_dict(ff.state_dict())
    x = torch.randn(*BATCH_TOKENS["A" if cfg is CFG_A else "B"], emb_dim,
                    generator=torch.Generator().manual_seed(1)) * 3
    with torch.no_grad():
        got = call_answer(ff, (x,), "FeedForward", hints=[(
            "cannot be multiplied", "nn.Linear keeps its weight as (out_features, "
            "in_features), the transpose of Hugging Face's Conv1D (in, out): a product with "
            ".weight needs .weight.T (x @ layer.weight.T + layer.bias), or call the layer, "
            "layer(x)")] if ".weight" in (answer_source(impl) or "") else ())
        if isinstance(got, torch.Tensor) and tuple(got.shape) == (*x.shape[:-1], 4 * emb_dim):
            hidden = ref.layers[0](x)
            which = ("the GELU's output, GELU(Linear(x))" if torch.allclose(
                got, ref.layers[1](hidden), atol=1e-5) else "the first Linear's output" if
                     torch.allclose(got, hidden, atol=1e-5) else "as wide as the hidden layer")
            raise CheckFailure(f"the feed-forward output has shape {tuple(got.shape)}, expected "
                               f"{tuple(x.shape)}: it is {which}, 4 * emb_dim = {4 * emb_dim} "
                               "wide: the second Linear, back to emb_dim, is never applied to "
                               "what forward returns; return self.layers(x)")
        got = _as_tensor(got, "the feed-forward output", x.shape)
        if got.dtype != x.dtype:
            autocast = "autocast" in (answer_source(impl) or "")
            raise CheckFailure(
                f"FeedForward returned {got.dtype} for a {x.dtype} input: "
                + ("forward runs under torch.autocast, which computes the Linear layers in "
                   f"{got.dtype} and returns that dtype (and rounds every value to it); "
                   "leave mixed precision to the caller: return self.layers(x)" if autocast
                   else "a step of forward changes the dtype (.half(), .to(...), a tensor or "
                   "buffer of another dtype); keep x's dtype, self.layers(x)"))
        expected = ref(x)
        for mode in ("train", "eval"):  # cfg['drop_rate'] is 0.5: a hidden dropout shows
            getattr(ff, mode)()
            again = call_answer(ff, (x,), "FeedForward")
            if not (isinstance(again, torch.Tensor) and torch.equal(again, got)):
                raise CheckFailure(
                    f"in {mode} mode the feed-forward output changes from call to call (with "
                    "cfg['drop_rate'] = 0.5): there is a dropout in forward (F.dropout or "
                    "torch.dropout, which stay on even in eval mode unless given "
                    "training=self.training); GPT-2's FeedForward has no dropout: Linear -> "
                    "GELU -> Linear only")
        # Outputs are of size 1; float32 rounding stays near 1e-6. The erf-GELU mutant differs
        # by 3.5e-4 on these inputs (scaled by 3 so that the two GELUs part), 35 x the tolerance.
        hint = likely_cause(got, _ff_mistakes(ref, x), atol=1e-5) or _inside_layers_hint(
            ff, x, got) or (
            _token_contrast(got, expected, "each token is computed alone")
            + ": with your weights loaded into FeedForward the output differs, so forward "
            "computes something else than layers(x), Linear -> GELU -> Linear"
            + _layers_listing(ff) + _ff_stage_hint(ff, x, got))
        assert_close(got, expected, what="the feed-forward output", atol=1e-5, hint=hint)
        one = x[:1, :1].clone()  # a batch of one single token
        out = call_answer(ff, (one,), f"FeedForward on a {tuple(one.shape)} input")
        if not isinstance(out, torch.Tensor) or tuple(out.shape) != tuple(one.shape):
            shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
            raise CheckFailure(f"on a batch of one single token, shape {tuple(one.shape)}, "
                               f"the output is {shape}: keep the input's shape (no squeeze(), "
                               "no reshape to sizes of your own); return self.layers(x)")
        long_x = torch.randn(2, 40, emb_dim, generator=torch.Generator().manual_seed(8))
        what = f"a longer input, {tuple(long_x.shape)} (40 tokens)"
        long_out = _as_tensor(call_answer(ff, (long_x,), f"FeedForward on {what}"),
                              f"the feed-forward output on {what}", long_x.shape)
        assert_close(long_out, ref(long_x).detach(), what=f"the feed-forward output on {what}",
                     atol=1e-5)
        _ff_edge_inputs(ff, x)
        _same_on_non_contiguous(ff, x, expected, "the feed-forward output",
                                "; self.layers(x) is all forward needs")
    _ff_gradient(ff, ref, x)
    torch_gelu = [n for n, m in ff.named_modules() if isinstance(m, torch.nn.GELU)]
    if torch_gelu:
        raise CheckFailure(f"{torch_gelu[0]} is torch's nn.GELU; the exercise asks for the GELU "
                           "class from llmscratch (from llmscratch import GELU), the one "
                           "GPTModel uses")
    if not same_init:
        if same_under_two_seeds(lambda: impl(dict(cfg)).state_dict()):
            raise CheckFailure(f"under the same seed your initial weights differ from "
                               f"FeedForward's: {SEEDS_ITSELF}")
        zero = [k for k, v in ff.state_dict().items() if k.endswith("bias") and not v.any()]
        raise CheckFailure("under the same seed your initial weights differ from FeedForward's"
                           + (f" ({', '.join(zero)} all zero)" if zero else "")
                           + ": " + _ff_init_hint(ff.state_dict(), cfg))
    _keeps_float64(ff, ref, x, "FeedForward", "self.layers(x)")


def _ff_edge_inputs(ff, x):
    """An input of no tokens must give an empty output of the same shape, and the block (a
    copy) with its input on the stand-in "meta" device must return a meta tensor."""
    empty = x[:, :0]
    out = call_answer(ff, (empty,), f"FeedForward on an input of no tokens, {tuple(empty.shape)}",
                      hints=[("expects a non-empty TensorList", "the tokens are run one at a "
                              "time and joined with torch.stack/torch.cat, which has nothing to "
                              "join when num_tokens is 0: run all tokens at once, "
                              "self.layers(x) (nn.Linear works on any leading dims)")])
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != tuple(empty.shape):
        shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        raise CheckFailure(f"on an input of no tokens, shape {tuple(empty.shape)}, the output is "
                           f"{shape}: keep the input's shape; return self.layers(x)")
    made = ("a tensor made inside forward without device= (torch.empty(x.shape), "
            "torch.zeros(...)) stays on the CPU while x is on another device (here the stand-in "
            "'meta', as a GPU would be): make buffers with device=x.device (torch.empty_like(x))"
            ", or simply return self.layers(x)")
    meta = copy.deepcopy(ff).to("meta")
    what = f"FeedForward moved to the 'meta' device, on a meta input {tuple(x.shape)}"
    out = call_answer(meta, (x.to("meta"),), what, hints=[
        ("Cannot copy out of meta tensor", made), ("Expected all tensors to be on the same",
                                                   made)])
    elsewhere = tensors_not_on(out, "meta", "the output")
    if elsewhere:
        raise CheckFailure(f"with {what}: {elsewhere[0]}: " + made)


def _keeps_float64(module, ref, x, name, fix):
    """After ``.double()`` (both in their current mode), a float64 input must give ``ref``'s
    float64 output: forward may not cast x (``fix`` says what forward should do instead)."""
    ref.double()
    with torch.no_grad():
        want64 = ref(x.double())
        got64 = _as_tensor(call_answer(module.double(), (x.double(),), f"{name} after "
                                       ".double() on a float64 input", [(
                                           "dtype", "forward changes the input's dtype (x.float()"
                                           " or a torch.tensor(...) of float32?), so it no longer"
                                           f" meets the float64 weights: pass x on unchanged, "
                                           f"{fix}")]),
                           f"the output of {name} after .double()", x.shape)
    if got64.dtype != torch.float64:
        raise CheckFailure(f"after .double() a float64 input gives a {got64.dtype} output from "
                           f"{name}: forward changes the dtype (x.float()?); pass x on "
                           f"unchanged, {fix}")
    assert_close(got64, want64, what=f"the output of {name} after .double()", atol=1e-9,
                 hint="right in float32 but not in float64: forward loses precision (a float32 "
                 "cast or constant inside?); keep x's dtype throughout")


def _run_noting_grad_off(module, run):
    """``run()``'s result, and whether gradients were switched off while any sub-module of
    ``module`` ran (forward pre-hooks note torch.is_grad_enabled(), removed afterwards): tells
    forward under torch.no_grad() from a result detached after it."""
    seen = []
    hooks = [m.register_forward_pre_hook(lambda m, a: seen.append(torch.is_grad_enabled()))
             for n, m in module.named_modules() if n]
    try:
        out = run()
    finally:
        for h in hooks:
            h.remove()
    return out, bool(seen) and not all(seen)


def _ff_gradient(ff, ref, x):
    """Training needs the graph: the output must carry gradients back to x and the weights.
    Spies on the sub-modules tell forward under torch.no_grad() from a detached result."""
    x_in = x.clone().requires_grad_(True)
    out, switched_off = _run_noting_grad_off(
        ff, lambda: call_answer(ff, (x_in,), "FeedForward on an input that requires grad"))
    _as_tensor(out, "the feed-forward output with gradients on", x.shape)  # detaches a copy
    if out.grad_fn is None:
        cause = ("your layers ran with gradients switched off (torch.no_grad() or "
                 "torch.inference_mode() inside forward)" if switched_off else
                 "the result is cut from the graph (.detach(), .data, or a copy through "
                 "torch.tensor or NumPy)")
        with torch.no_grad():  # another input of the same shape: is an earlier result reused?
            probe = call_answer(ff, (x + 1.0,), "FeedForward on a second input of that shape")
            if not switched_off and isinstance(probe, torch.Tensor) and \
                    probe.shape == x.shape and torch.allclose(probe, ref(x), atol=1e-5) and \
                    not torch.allclose(probe, ref(x + 1.0), atol=1e-5):
                raise CheckFailure(
                    f"on a {tuple(x.shape)} input that requires grad, the output has no "
                    "gradient, and another input of the same shape (x + 1) gives the output "
                    "of x: your module returns the result of an EARLIER call (kept on the "
                    "module, e.g. cached by the input's shape) instead of computing from this "
                    "call's x; keep no state between calls: return self.layers(x)")
        raise CheckFailure(f"on a {tuple(x.shape)} input that requires grad, the output has no "
                           f"gradient (grad_fn is None): {cause}, so training could never "
                           "update the weights; the values are right: return self.layers(x) "
                           "with gradients on")
    weights = torch.linspace(-1.0, 1.0, out.numel()).reshape(out.shape)
    (out * weights).sum().backward()
    x_ref = x.clone().requires_grad_(True)
    (ref(x_ref) * weights).sum().backward()
    if x_in.grad is None:
        raise CheckFailure("the weights get gradients but the input x does not: x is detached "
                           "before the layers (x.detach(), x.data, torch.tensor(x)), so the "
                           "blocks before this one would never learn; pass x on as it comes in")
    assert_close(x_in.grad, x_ref.grad, what="the gradient of the feed-forward output with "
                 "respect to x", atol=1e-4, hint="the output is right but its gradient is not: "
                 "some step of forward is not a differentiable torch operation on x")
    frozen = [n for n, p in ff.named_parameters() if p.grad is None]
    if frozen:
        raise CheckFailure(f"{', '.join(frozen)} get no gradient: forward uses them through "
                           ".data, .detach() or a copy (or requires_grad is off), so training "
                           "never updates them; let self.layers(x) use its own parameters")


def _record_io(mods, run):
    """Run ``run()`` under torch.no_grad() with forward hooks on ``mods`` ({name: module}):
    {name: (first input, output) of its first call, ..., "result": run()'s result}, or None
    when ``run`` fails."""
    seen = {}

    def note(name):
        def hook(m, args, out):  # returns None: the output is left as it is
            seen.setdefault(name, (args[0] if args else None, out))
        return hook
    hooks = [m.register_forward_hook(note(n)) for n, m in mods.items()]
    try:
        with torch.no_grad():
            seen["result"] = run()
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    finally:
        for h in hooks:
            h.remove()
    return seen


def _ff_stage_hint(ff, x, got):
    """'; <the first stage that differs>': what reaches layers.0 and layers.2 and what layers.2
    returns, recorded by hooks in one forward pass and compared with Linear -> GELU -> Linear."""
    layers = getattr(ff, "layers", None)
    if not isinstance(layers, torch.nn.Sequential) or len(layers) != 3:
        return ""
    seen = _record_io({0: layers[0], 2: layers[2]}, lambda: ff(x.clone()))
    if seen is None:
        return ""
    if 0 not in seen or 2 not in seen:
        missing = "layers.0" if 0 not in seen else "layers.2"
        return f"; {missing} never runs in forward"
    (in0, out0), (in2, out2) = seen[0], seen[2]
    with torch.no_grad():
        gelu = llmscratch.GELU()(out0)
    flat = (isinstance(in0, torch.Tensor) and in0.shape != x.shape and in0.numel() == x.numel()
            and in0.shape[-1] == x.shape[-1] and torch.equal(in0.reshape(-1), x.reshape(-1)))
    if flat:  # x's rows in their own order, only flattened: fine, unless the way back is not
        back = _ff_unflatten_hint(in0, out2, got, x)
        if back and isinstance(in2, torch.Tensor) and in2.shape == gelu.shape and torch.allclose(
                in2, gelu, atol=1e-5):
            return back
    elif not (isinstance(in0, torch.Tensor) and in0.shape == x.shape and torch.allclose(
            in0, x, atol=1e-6)):
        rows = x.reshape(-1, x.shape[-1])
        if isinstance(in0, torch.Tensor) and in0.shape != x.shape and in0.numel() == x.numel() \
                and in0.shape[-1] == x.shape[-1] and not torch.equal(in0.reshape(rows.shape),
                                                                     rows):
            swapped = x.dim() == 3 and torch.equal(in0.reshape(rows.shape), x.transpose(
                0, 1).reshape(rows.shape))
            order = _relation_of(in0.reshape(rows.shape), rows, dims=("token rows", "emb_dim"))
            return (f"; layers.0 gets x reshaped to {tuple(in0.shape)} with its token rows in "
                    f"another order than x's own (batch, tokens) order"
                    + (": the rows of x.transpose(0, 1), (tokens, batch) order, as a reshape "
                       "after a transpose gives them" if swapped else order)
                    + ", so the view back to (batch, tokens, emb_dim) puts "
                    "each token's result in another token's place; pass x to layers.0 as it "
                    "is (nn.Linear works on the last dimension of any shape)")
        return (f"; the input that reaches layers.0 is not x itself{_relation_of(in0, x)}: "
                "pass x to it unchanged")
    if not (isinstance(in2, torch.Tensor) and in2.shape == gelu.shape and torch.allclose(
            in2, gelu, atol=1e-5)):
        where = ""
        if isinstance(in2, torch.Tensor) and in2.shape == gelu.shape:
            i = int((in2 - gelu).abs().flatten().argmax())
            h, g, y = out0.flatten()[i].item(), gelu.flatten()[i].item(), in2.flatten()[i].item()
            where = (f" (where layers.0 gives h = {h:.4g}, GELU(h) is {g:.4g} but layers.2 gets "
                     f"{y:.4g}{'; h itself: no activation ran' if abs(y - h) < 1e-5 else ''})")
            relation = describe_difference(in2, gelu, where=False)
            if not relation:  # no simple relation: the extra part at a few values of h
                h_all, d_all = out0.flatten(), (in2 - gelu).flatten()
                picks = [int(h_all.argmin()), int(h_all.abs().argmin()), int(h_all.argmax())]
                relation = ("What differs: layers.2 gets GELU(h) plus " + ", ".join(
                    f"{d_all[k].item():.4g} at h = {h_all[k].item():.4g}" for k in picks)
                    + ", an extra term that follows h (an added function of h, or another "
                    "activation mixed in).")
            where += f". Comparing what layers.2 gets with GELU(h): {relation}" if relation else ""
        return ("; layers.0 gets x, but layers.2 does not get GELU(layers.0(x))" + where
                + (" The" if where.endswith(".") else ": the") + " step between the two Linear "
                "layers computes something else (compare it with GELU()(h) alone)")
    if isinstance(out2, torch.Tensor) and out2.shape == got.shape and not torch.allclose(
            out2, got, atol=1e-5):
        added = got - out2  # a multiple of x added after layers.2 (a shortcut of some weight)?
        c = float((added * x).sum() / (x * x).sum())
        if abs(c) > 1e-3 and torch.allclose(added, c * x, atol=1e-4):
            return (f"; layers.2 computes the right values, but forward then adds {c:.4g} x the "
                    "input x to them (a shortcut inside FeedForward? the transformer block adds "
                    "x back itself): return layers.2's output as it is")
        relation = describe_difference(got, out2)
        return ("; layers.2 computes the right values, but forward changes them afterwards"
                + (f". Comparing your output with layers.2's: {relation}" if relation else "")
                + (" R" if relation else ": r") + "eturn layers.2's output as it is")
    return ""


def _ff_unflatten_hint(in0, out2, got, x):
    """For a forward that flattens x's rows in order (fine) and reshapes layers.2's output
    back: '; <how the way back differs>' when the rows come back in another order, else ''."""
    if not (isinstance(out2, torch.Tensor) and isinstance(got, torch.Tensor)
            and out2.numel() == got.numel() and got.shape == x.shape and x.dim() == 3
            and out2.shape[-1] == x.shape[-1]) or torch.allclose(
                got.reshape(out2.shape), out2, atol=1e-5):
        return ""
    b, t, e = x.shape
    swapped = torch.allclose(got, out2.reshape(t, b, e).transpose(0, 1), atol=1e-5)
    return (f"; layers.0 gets x flattened to {tuple(in0.shape)}, its token rows in their own "
            "order (that part is fine), and layers.2 computes the right rows, but the reshape "
            "back to (batch, tokens, emb_dim) puts each row in another token's place"
            + (f" (you read them as (tokens, batch) = ({t}, {b}) and transposed: a row-by-row "
               "flattening of (batch, tokens) comes back with a plain reshape)" if swapped
               else "")
            + ": return out.reshape(x.shape), or pass x to layers as it is (nn.Linear works on "
            "the last dimension of any shape)")


def _layers_listing(ff):
    """' (your layers hold ...; forward ...)': what the learner's Sequential holds, else ''."""
    layers = getattr(ff, "layers", None)
    if not isinstance(layers, torch.nn.Sequential):
        return ""
    kinds = [type(m).__name__ for m in layers]
    others = [f"{n} ({type(m).__name__})" for n, m in ff.named_children() if n != "layers"]
    return (f" (your layers hold {kinds}, expected ['Linear', 'GELU', 'Linear']"
            + (f"; outside layers forward also has {others}: a module applied before or "
               "after layers(x)?" if others else "") + ")")


def _inside_layers_hint(ff, x, got):
    """A hint when forward returns layers(x) and the output is still wrong: the modules inside
    the Sequential compute something else (None when forward does more than layers(x))."""
    layers = getattr(ff, "layers", None)
    if not isinstance(layers, torch.nn.Sequential) or len(layers) != 3:
        return None
    if not torch.equal(layers(x), got):
        return None
    kind = type(layers[1])
    if kind is llmscratch.GELU:
        return None
    return (f"forward returns layers(x), so the difference is inside layers: its middle "
            f"module is {kind.__module__}.{kind.__name__}, which does not compute llmscratch's "
            "GELU (0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))): use GELU() "
            "from llmscratch between the two Linear layers")


def _ff_init_hint(got_sd, cfg):
    """Why seeded weights differ: the layers created in another order, or which tensors were
    re-initialised (a scale factor is named)."""
    E = cfg["emb_dim"]
    torch.manual_seed(0)
    second = torch.nn.Linear(4 * E, E)
    first = torch.nn.Linear(E, 4 * E)
    swapped = {"layers.0.weight": first.weight, "layers.0.bias": first.bias,
               "layers.2.weight": second.weight, "layers.2.bias": second.bias}
    if all(torch.equal(got_sd[k], v.detach()) for k, v in swapped.items()):
        return ("the second Linear (4 * emb_dim -> emb_dim) is created before the first, so "
                "under a seed each draws the other's random numbers: create them in the order "
                "they are used, nn.Sequential(nn.Linear(emb_dim, 4 * emb_dim), GELU(), "
                "nn.Linear(4 * emb_dim, emb_dim))")
    torch.manual_seed(0)
    ref_sd = FeedForward(cfg).state_dict()
    differ = [k for k in ref_sd if not torch.equal(got_sd[k], ref_sd[k])]
    parts = []
    for k in differ:
        r, g = ref_sd[k].double(), got_sd[k].double()
        ratio = (g * r).sum() / (r * r).sum()
        if torch.allclose(g, ratio * r, atol=1e-6) and abs(ratio.item() - 1) > 1e-6:
            parts.append(f"{k} is nn.Linear's default times {ratio.item():.4g}")
    for k in differ:  # a weight tied to the other Linear's (transposed)
        for other in ("layers.0.weight", "layers.2.weight"):
            if k != other and k.endswith("weight") and torch.equal(got_sd[k], got_sd[other].T):
                return (f"{k} is {other} transposed: the two Linear layers share (tie) one "
                        "weight matrix, so they cannot learn separately; give each nn.Linear "
                        "its own weight")
    verb = "differs" if len(differ) == 1 else "differ"
    return ((f"only {', '.join(differ)} {verb}" + (f" ({'; '.join(parts)})" if parts else "")
             + ": an initialisation of your own (nn.init or a scaled weight, such as GPT-2's "
             "1 / sqrt(2 * n_layers) for the residual projections) changes the seeded weights; "
             "keep nn.Linear's default initialisation")
            if differ and len(differ) < len(ref_sd) else
            "keep nn.Linear's default initialisation (no nn.init calls) and create the layers "
            "in the order Linear, GELU, Linear")


def _forward_keeps_rng(module, x, name):
    """Fail when a forward pass that draws nothing changes PyTorch's global random state; name
    the seed when the state is a fresh ``torch.manual_seed(k)`` one (k < 10,000)."""
    with torch.random.fork_rng():
        torch.manual_seed(98_765)
        before = torch.get_rng_state()
        call_answer(module, (x,), f"{name}'s forward")
        after = torch.get_rng_state()
        if torch.equal(after, before):
            return
        seed = next((k for k in range(10_000)
                     if torch.equal(torch.manual_seed(k).get_state(), after)), None)
    said = (f"it is the state torch.manual_seed({seed}) sets, so forward calls "
            f"torch.manual_seed({seed})" if seed is not None else
            "forward seeds or draws random numbers")
    raise CheckFailure(f"a forward pass of {name} changed PyTorch's global random state: {said}"
                       "; every call then resets (or shifts) the random numbers the rest of the "
                       "program draws, e.g. the dropout masks of the whole model, which repeat "
                       "at every step; a feed-forward block draws nothing: remove it from "
                       "forward (seed once, in the script that builds and trains the model)")


def check_feed_forward(impl):
    check_cases(state_probed(impl, probe_first=False, cases=[
        (f"emb_dim={cfg['emb_dim']}", lambda a, cfg=cfg: _feed_forward_case(a, cfg))
        for cfg in (CFG_A, CFG_B)]))
    _forward_keeps_rng(impl({**CFG_A}), torch.randn(2, 3, CFG_A["emb_dim"]), "FeedForward")
    n = count_parameters(impl({**CFG_A, "emb_dim": 768}))
    if n != 4_722_432:
        raise CheckFailure(f"with emb_dim=768 your block has {n:,} parameters, not 4,722,432")


# --- ex4_4: TransformerBlock ---------------------------------------------------------------------


def _block_forward(ref, x, mistake=None, num_heads=None):
    """The block's forward with one ``mistake`` applied (None: the correct forward)."""
    att, ff, n1, n2, drop = ref.att, ref.ff, ref.norm1, ref.norm2, ref.drop_shortcut
    if num_heads is not None:
        att = copy.deepcopy(att)
        att.num_heads, att.head_dim = num_heads, att.d_out // num_heads
    if mistake == "plain norms":  # normalised, but without the norms' scale and shift
        n1 = n2 = lambda t: F.layer_norm(t, (t.shape[-1],), eps=1e-5)  # noqa: E731
    if mistake == "post-norm":
        h = n1(x + drop(att(x)))
        return n2(h + drop(ff(h)))
    if mistake == "post-norm ff":  # pre-norm attention, post-norm feed-forward
        h = x + drop(att(n1(x)))
        return n2(h + drop(ff(h)))
    if mistake == "post-norm att":  # post-norm attention, pre-norm feed-forward
        h = n1(x + drop(att(x)))
        return h + drop(ff(n2(h)))
    if mistake == "sandwich":  # the sub-layer's output normalised again
        h = x + drop(n1(att(n1(x))))
        return h + drop(n2(ff(n2(h))))
    if mistake == "dropped shortcut":  # dropout on the shortcut instead of the sub-layer
        a = att(n1(x))
        h = a + drop(x)
        f = ff(n2(h))
        return f + drop(h)
    if mistake == "residual":  # dropout on the sum instead of the sub-layer's output
        h = drop(x + att(n1(x)))
        return drop(h + ff(n2(h)))
    if mistake == "before":  # dropout on the sub-layer's input
        h = x + att(drop(n1(x)))
        return h + ff(drop(n2(h)))
    if mistake == "before norm":  # dropout on the sub-layer's input, before its norm
        h = x + att(n1(drop(x)))
        return h + ff(n2(drop(h)))
    if mistake == "before norm att":  # dropout on the attention's input, before norm1
        h = x + att(n1(drop(x)))
        return h + drop(ff(n2(h)))
    if mistake == "before norm ff":  # dropout on the feed-forward's input, before norm2
        h = x + drop(att(n1(x)))
        return h + ff(n2(drop(h)))
    if mistake == "before ff":  # dropout on the feed-forward's input only
        h = x + drop(att(n1(x)))
        return h + ff(drop(n2(h)))
    if mistake == "before att":  # dropout on the attention's input only
        h = x + att(drop(n1(x)))
        return h + drop(ff(n2(h)))
    if mistake == "normed shortcut":  # the shortcut carries the normalised x
        h = n1(x) + drop(att(n1(x)))
        return n2(h) + drop(ff(n2(h)))
    if mistake == "normed ff shortcut":  # the feed-forward's shortcut carries norm2(x)
        h = x + drop(att(n1(x)))
        return n2(h) + drop(ff(n2(h)))
    if mistake == "normed att shortcut":  # the attention's shortcut carries norm1(x)
        h = n1(x) + drop(att(n1(x)))
        return h + drop(ff(n2(h)))
    if mistake == "order":  # feed-forward first, then attention
        h = x + drop(ff(n2(x)))
        return h + drop(att(n1(h)))
    if mistake == "order, norms in place":  # ff first with norm1, then att with norm2
        h = x + drop(ff(n1(x)))
        return h + drop(att(n2(h)))
    if mistake == "parallel":  # both sub-layers read the block's input
        h = x + drop(att(n1(x)))
        return h + drop(ff(n2(x)))
    if mistake == "parallel one norm":  # GPT-J/PaLM's parallel block with a single norm
        h = x + drop(att(n1(x)))
        return h + drop(ff(n1(x)))
    if mistake == "stale norm":  # norm1(x) computed once, reused under norm2
        h = x + drop(att(n1(x)))
        return h + drop(ff(n2(n1(x))))
    if mistake == "residual ff":  # dropout on the sum after the feed-forward only
        h = x + drop(att(n1(x)))
        return drop(h + ff(n2(h)))
    if mistake == "residual att":  # dropout on the sum after attention only
        h = drop(x + att(n1(x)))
        return h + drop(ff(n2(h)))
    if mistake == "stale shortcut":  # the second shortcut adds the block's input
        h = x + drop(att(n1(x)))
        return x + drop(ff(n2(h)))
    if mistake == "att dropped twice":  # an extra dropout on attention's output
        h = x + drop(drop(att(n1(x))))
        return h + drop(ff(n2(h)))
    if mistake == "ff dropped twice":  # an extra dropout on the feed-forward's output
        h = x + drop(att(n1(x)))
        return h + drop(drop(ff(n2(h))))
    if mistake == "no dropout":  # drop_shortcut never applied
        h = x + att(n1(x))
        return h + ff(n2(h))
    if mistake == "shared mask":  # one dropout mask drawn first, used for both sub-layers
        mask = drop(torch.ones_like(x))
        h = x + mask * att(n1(x))
        return h + mask * ff(n2(h))
    if mistake == "attention output":  # the feed-forward reads att's output, not the sum
        a = drop(att(n1(x)))
        return x + a + drop(ff(n2(a)))
    if mistake == "no norm1":  # attention reads x unnormalised
        h = x + drop(att(x))
        return h + drop(ff(n2(h)))
    if mistake == "no norm2":  # the feed-forward reads x unnormalised
        h = x + drop(att(n1(x)))
        return h + drop(ff(h))
    if mistake == "norm after att":  # norm1 on attention's output instead of its input
        h = x + drop(n1(att(x)))
        return h + drop(ff(n2(h)))
    if mistake == "norm after ff":  # norm2 on the feed-forward's output instead of its input
        h = x + drop(att(n1(x)))
        return h + drop(n2(ff(h)))
    if mistake == "norm after":  # the block's output normalised again
        h = x + drop(att(n1(x)))
        return n2(h + drop(ff(n2(h))))
    first = att(n2(x) if mistake in ("swapped", "norm2 twice") else n2(n1(x))
                if mistake == "chained att" else n1(x))
    if mistake == "attention shortcut":
        h = drop(first)
    elif mistake == "ff only":  # no dropout on the attention output
        h = x + first
    else:
        h = x + drop(first)
    second_norm = {"swapped": n1, "norm1 twice": n1}.get(mistake, n2)
    second = ff(n2(n1(h)) if mistake == "chained ff" else second_norm(h))
    if mistake == "ff shortcut":
        return drop(second)
    return h + (second if mistake == "once" else drop(second))


BLOCK_CAUSES = {
    "attention shortcut": "the attention sub-layer has no shortcut: add the block's input back "
                          "(x = x + drop_shortcut(att(norm1(x))))",
    "ff shortcut": "the feed-forward sub-layer has no shortcut: add its input back "
                   "(x = x + drop_shortcut(ff(norm2(x))))",
    "post-norm": "this is post-norm (normalising after adding the shortcut); GPT-2 is pre-norm: "
                 "normalise the sub-layer's INPUT, x + att(norm1(x))",
    "post-norm ff": "the feed-forward sub-layer is post-norm (norm2 applied after adding its "
                    "shortcut, norm2(x + ff(x))) while attention is pre-norm; normalise the "
                    "sub-layer's INPUT: x + drop_shortcut(ff(norm2(x)))",
    "post-norm att": "the attention sub-layer is post-norm (norm1 applied after adding its "
                     "shortcut, norm1(x + att(x))) while the feed-forward is pre-norm; normalise "
                     "the sub-layer's INPUT: x + drop_shortcut(att(norm1(x)))",
    "swapped": "norm1 and norm2 are swapped: norm1 goes before attention, norm2 before the "
               "feed-forward block",
    "norm1 twice": "norm1 is used before both sub-layers; norm2 belongs before the feed-forward "
                   "block",
    "norm2 twice": "norm2 is used before both sub-layers (norm1 is never used); norm1 belongs "
                   "before attention: x + drop_shortcut(att(norm1(x)))",
    "residual": "drop_shortcut is applied after adding the shortcut (on the residual stream); "
                "apply it to the sub-layer's output BEFORE adding: x + drop_shortcut(att(...))",
    "before": "drop_shortcut is applied to the sub-layer's input; apply it to its output, "
              "before the shortcut is added",
    "before ff": "drop_shortcut is applied to the feed-forward's input (after norm2); apply it "
                 "to ff's output, before the shortcut is added: x + drop_shortcut(ff(norm2(x)))",
    "before att": "drop_shortcut is applied to the attention's input (after norm1); apply it "
                  "to att's output, before the shortcut is added: "
                  "x + drop_shortcut(att(norm1(x)))",
    "before norm": "drop_shortcut is applied to each sub-layer's input, before its norm "
                   "(att(norm1(drop_shortcut(x)))); apply it to the sub-layer's output, before "
                   "the shortcut is added: x + drop_shortcut(att(norm1(x)))",
    "before norm att": "drop_shortcut is applied to the attention's input, before norm1 "
                       "(att(norm1(drop_shortcut(x)))); apply it to att's output, before the "
                       "shortcut is added: x + drop_shortcut(att(norm1(x)))",
    "before norm ff": "drop_shortcut is applied to the feed-forward's input, before norm2 "
                      "(ff(norm2(drop_shortcut(x)))); apply it to ff's output, before the "
                      "shortcut is added: x + drop_shortcut(ff(norm2(x)))",
    "once": "drop_shortcut is applied after attention only; the feed-forward output needs it too",
    "ff only": "drop_shortcut is applied after the feed-forward block only; the attention "
               "output needs it too",
    "order": "the feed-forward sub-layer runs before attention; attention (with norm1) comes "
             "first",
    "order, norms in place": "the two sub-layers run in the wrong order: the feed-forward "
                             "block first (reading norm1) and attention second (reading "
                             "norm2); attention comes first: x = x + drop_shortcut(att("
                             "norm1(x))), then x = x + drop_shortcut(ff(norm2(x)))",
    "normed shortcut": "the shortcut adds the normalised x; add back the sub-layer's input "
                       "from BEFORE the norm: shortcut = x, then x = norm1(x)",
    "normed ff shortcut": "the feed-forward's shortcut adds norm2(x), the normalised x; "
                          "add back x from BEFORE the norm: x + drop_shortcut(ff(norm2(x)))",
    "normed att shortcut": "the attention's shortcut adds norm1(x), the normalised x; add "
                           "back x from BEFORE the norm: x + drop_shortcut(att(norm1(x)))",
    "parallel": "the feed-forward sub-layer reads the block's input; it must read the output of "
                "the attention sub-layer (x after the first shortcut)",
    "parallel one norm": "both sub-layers read the same norm1(x) of the block's input and "
                         "their outputs are added side by side (GPT-J/PaLM's parallel block, "
                         "norm2 unused); GPT-2 runs them one after the other: x = x + "
                         "drop_shortcut(att(norm1(x))), then x + drop_shortcut(ff(norm2(x))) "
                         "of that new x",
    "stale norm": "the feed-forward sub-layer reads norm1(x) of the block's input (computed "
                  "once, before attention); normalise x AFTER the first shortcut: "
                  "x + drop_shortcut(ff(norm2(x)))",
    "residual ff": "after the feed-forward block drop_shortcut is applied to the sum (the "
                   "residual stream); apply it to ff's output BEFORE adding the shortcut",
    "residual att": "after attention drop_shortcut is applied to the sum (the residual "
                    "stream); apply it to att's output BEFORE adding the shortcut",
    "stale shortcut": "the second shortcut adds the block's input; it must add x after the "
                      "first shortcut (set shortcut = x again before the feed-forward sub-layer)",
    "att dropped twice": "attention's output goes through dropout twice (an extra dropout "
                         "at drop_rate besides drop_shortcut, F.dropout or a second call): "
                         "apply only drop_shortcut, once: x + drop_shortcut(att(norm1(x)))",
    "ff dropped twice": "the feed-forward's output goes through dropout twice (an extra "
                        "dropout at drop_rate besides drop_shortcut, F.dropout or a second "
                        "call): apply only drop_shortcut, once: x + drop_shortcut(ff(norm2(x)))",
    "no dropout": "drop_shortcut is never applied: apply it to each sub-layer's output before "
                  "the shortcut is added",
    "shared mask": "one dropout mask is drawn once (drop_shortcut of a tensor of ones) and "
                   "used for both sub-layers; each sub-layer's output gets its own draw: "
                   "x + drop_shortcut(att(norm1(x))), then x + drop_shortcut(ff(norm2(x)))",
    "attention output": "the feed-forward sub-layer reads the attention output alone, "
                        "before the first shortcut is added; it must read the sum, x = x + "
                        "drop_shortcut(att(norm1(x))), then x + drop_shortcut(ff(norm2(x)))",
    "norm after": "the block's output goes through a LayerNorm again; return x + shortcut as it "
                  "is (only GPTModel's final_norm normalises the last block's output)",
    "sandwich": "each sub-layer's output is normalised again (norm1(att(norm1(x)))); GPT-2 "
                "normalises only the sub-layer's input: x + drop_shortcut(att(norm1(x)))",
    "dropped shortcut": "drop_shortcut is applied to the shortcut (the block's input) instead "
                        "of the sub-layer's output: x + drop_shortcut(att(norm1(x)))",
    "chained att": "attention reads norm2(norm1(x)), both norms in a row; each sub-layer "
                   "has its own single norm: att(norm1(x)), then ff(norm2(x))",
    "chained ff": "the feed-forward reads norm2(norm1(x)), both norms in a row; each sub-layer "
                  "has its own single norm: att(norm1(x)), then ff(norm2(x))",
    "no norm1": "attention reads x without norm1 (norm1 is never applied): normalise its "
                "input first, x + drop_shortcut(att(norm1(x)))",
    "no norm2": "the feed-forward block reads x without norm2 (norm2 is never applied): "
                "normalise its input first, x + drop_shortcut(ff(norm2(x)))",
    "norm after att": "norm1 is applied to attention's OUTPUT, norm1(att(x)); it belongs "
                      "before attention, on its input: x + drop_shortcut(att(norm1(x)))",
    "norm after ff": "norm2 is applied to the feed-forward's OUTPUT, norm2(ff(x)); it belongs "
                     "before it, on its input: x + drop_shortcut(ff(norm2(x)))",
    "plain norms": "norm1 and norm2's scale and shift are not used (F.layer_norm without them, "
                   "or a fresh LayerNorm made in forward): call self.norm1(x) and "
                   "self.norm2(x), whose parameters are trained",
}

BLOCK_ORDER = ["att", "ff", "norm1", "norm2", "drop_shortcut"]


def _own_module_hint(missing, extra):
    """'; ...' when a sub-module is a class of the learner's own (its keys differ)."""
    made = {"att": "MultiHeadAttention(...)", "ff": "FeedForward(cfg)",
            "norm1": "LayerNorm(cfg['emb_dim'])", "norm2": "LayerNorm(cfg['emb_dim'])"}
    own = [m for m in made if any(k.startswith(m + ".") for k in missing)
           and any(k.startswith(m + ".") for k in extra)]
    return ("; " + ", ".join(f"{m} is not llmscratch's {made[m].split('(')[0]}" for m in own)
            + " (its parameters have other names): create "
            + ", ".join(f"self.{m} = {made[m]}" for m in own)
            + " with the classes imported at the top of the file" if own else "")


def _check_creation_order(module, names, subject, reference):
    """Fail unless ``module`` creates its sub-modules ``names`` in that order, as ``reference``
    does; ``subject`` starts the message ("the sub-modules are created")."""
    order = [n for n, _ in module.named_modules(remove_duplicate=False) if n in names]
    plain = [n for n in names if n not in order and hasattr(module, n)
             and not isinstance(getattr(module, n), torch.nn.Module)]
    if plain:  # an attribute that is no module never shows in the order: say what it is
        name, value = plain[0], getattr(module, plain[0])
        kind = (f"a bare {type(value).__name__} of shape {tuple(value.shape)}"
                if isinstance(value, torch.Tensor) else f"a {type(value).__name__}")
        make = {"tok_emb": "nn.Embedding(cfg['vocab_size'], cfg['emb_dim'])",
                "pos_emb": "nn.Embedding(cfg['context_length'], cfg['emb_dim'])"}.get(name)
        raise CheckFailure(
            f"{subject} in the order {order}, without {name}: {name} is {kind}, not a "
            f"sub-module; {reference}'s {name} is a module"
            + (f", {make}, whose table is saved as '{name}.weight'" if make else "")
            + ": create it as one, so that the state dicts match and it is created in the "
            f"order {names}")
    if order == names or _only_stateless_moved(module, names):
        return  # a dropout created elsewhere: no weight or state_dict key moves with it
    stateful = [n for n in names if n in order and getattr(module, n).state_dict()]
    stateless = [n for n in names if n in order and n not in stateful]
    raise CheckFailure(
        f"{subject} in the order {order}; create them in the order {names}, as {reference} "
        f"does: the creation order of the modules that hold weights ({', '.join(stateful)}) "
        "decides which random weights each one gets under a seed, and the order of the "
        "state_dict" + (f" ({' and '.join(stateless)} "
                        + ("hold no weights: where they are" if len(stateless) > 1 else
                           "holds no weights: where it is") + " created does not matter)"
                        if stateless else ""))


def _block_mistakes(ref, x, cfg, seed=None):
    out = {}
    for mistake, cause in BLOCK_CAUSES.items():
        if seed is not None:
            torch.manual_seed(seed)
        out[cause] = _block_forward(ref, x, mistake)
    if cfg["emb_dim"] % cfg["n_layers"] == 0 and seed is None:
        out["num_heads is n_layers; it should be cfg['n_heads']"] = _block_forward(
            ref, x, num_heads=cfg["n_layers"])
    return out


HEADS_PROBE = {"vocab_size": 70, "context_length": 11, "emb_dim": 256, "n_heads": 8,
               "n_layers": 3, "drop_rate": 0.0, "qkv_bias": False}  # 256 // 64 = 4 heads


def _heads_rule(impl, heads, cfg):
    """' (...)' naming where a wrong att.num_heads comes from, judged on this cfg and a probe
    with emb_dim=256, n_heads=8 (None for ``heads``: the constructor crashed on ``cfg``)."""
    try:
        torch.manual_seed(0)
        probe = getattr(getattr(impl(dict(HEADS_PROBE)), "att", None), "num_heads", None)
    except Exception:  # noqa: BLE001 - no evidence either way
        probe = None
    if probe == HEADS_PROBE["emb_dim"] // 64 and heads in (None, cfg["emb_dim"] // 64):
        return (f"num_heads is emb_dim // 64 (with emb_dim={HEADS_PROBE['emb_dim']} and "
                f"n_heads={HEADS_PROBE['n_heads']} your block has {probe} heads; with "
                f"emb_dim={cfg['emb_dim']} that is {cfg['emb_dim'] // 64}): 64-wide heads hold "
                "for GPT-2's sizes only; use num_heads=cfg['n_heads']")
    if heads is not None and heads == cfg["n_layers"]:
        return "num_heads is n_layers"
    return None


def _probe_heads(impl):
    """Both test configs have 4-wide heads; a block built from HEADS_PROBE (32-wide heads)
    shows a head count taken from emb_dim instead of cfg['n_heads']."""
    try:
        with torch.random.fork_rng():
            probe = getattr(getattr(impl(dict(HEADS_PROBE)), "att", None), "num_heads", None)
    except Exception:  # noqa: BLE001 - no evidence either way
        return
    emb, want = HEADS_PROBE["emb_dim"], HEADS_PROBE["n_heads"]
    if type(probe) is not int or probe == want:
        return
    rule = (f": that is emb_dim // {emb // probe}, a head width of {emb // probe} that the other "
            f"configs happen to share" if probe and emb % probe == 0 else "")
    raise CheckFailure(f"with emb_dim={emb} and n_heads={want} your block has att.num_heads = "
                       f"{probe}{rule}; take the head count from the config, "
                       "num_heads=cfg['n_heads']")


def _d_out_rule(make_att, width, cfg):
    """' (...)' naming where a wrong attention width d_out comes from: a rule that gives
    ``width`` on ``cfg`` and the probe's width on HEADS_PROBE (its heads are 32 wide);
    ``make_att(cfg)`` builds the answer's attention module from a config."""
    try:
        with torch.random.fork_rng():
            probe = make_att(dict(HEADS_PROBE)).out_proj.bias.shape[0]
    except Exception:  # noqa: BLE001 - no evidence from the probe
        probe = None
    rules = {"emb_dim // n_heads, the width of one head": lambda c: c["emb_dim"] // c["n_heads"]}
    rules |= {f"cfg[{k!r}]": (lambda c, k=k: c[k]) for k, v in cfg.items() if type(v) is int}
    named = [n for n, rule in rules.items()
             if rule(cfg) == width and probe in (None, rule(HEADS_PROBE))]
    return f" ({' or '.join(named)})" if named else ""


POSITIONAL_MHA = ("n_heads and the dropout rate are swapped: MultiHeadAttention's positional "
                  "order is (d_in, d_out, context_length, dropout, num_heads), so passing "
                  "n_heads before the rate puts n_heads in dropout and the rate in num_heads; "
                  "pass them by keyword, num_heads=cfg['n_heads'], dropout=<the rate>")


def _transformer_block_case(impl, cfg, x):
    torch.manual_seed(0)
    given = dict(cfg)
    try:
        block = impl(given)
    except (ZeroDivisionError, AssertionError, ValueError) as err:
        why = _heads_rule(impl, None, cfg)
        got = re.search(r"dropout probability has to be between 0 and 1, but got ([\d.]+)",
                        str(err))
        if why is None and (got and float(got.group(1)) == cfg["n_heads"]
                            or f"num_heads={cfg['drop_rate']}" in str(err)):
            why = POSITIONAL_MHA
        if why is None:
            raise
        raise CheckFailure(f"TransformerBlock({_describe(cfg)}) raised "
                           f"{type(err).__name__}: {str(err)[:120]}. {why}") from err
    block = _module(block, f"TransformerBlock({_describe(cfg)})")
    if given != cfg:
        changed = sorted(k for k in set(given) | set(cfg) if given.get(k, ...) != cfg.get(k, ...))
        raise CheckFailure(f"TransformerBlock(cfg) changed the cfg it was given in place "
                           f"(keys {changed}: "
                           f"now {({k: given.get(k, 'missing') for k in changed})}): the "
                           "caller builds every block from the same config, so the next block "
                           "would get other values; read cfg[...] without pop, del or "
                           "assignment, or work on a copy")
    ref = TransformerBlock(cfg)
    for name in ("att", "ff", "norm1", "norm2", "drop_shortcut"):
        if not hasattr(block, name):
            raise CheckFailure(f"the block has no attribute {name!r}; use the book's names "
                               "att, ff, norm1, norm2, drop_shortcut")
    _check_creation_order(block, BLOCK_ORDER, "the sub-modules are created", "TransformerBlock")
    shapes = {k: tuple(v.shape) for k, v in block.state_dict().items()}
    want = {k: tuple(v.shape) for k, v in ref.state_dict().items()}
    if shapes != want:
        missing, extra = sorted(set(want) - set(shapes)), sorted(set(shapes) - set(want))
        E, C = cfg["emb_dim"], cfg["context_length"]
        torch_norms = sorted({k.split(".")[0] for k in extra if k.endswith(".weight")
                              and k.split(".")[0] + ".scale" in missing})
        if torch_norms:
            why = (f"missing {missing}, unexpected {extra}: {' and '.join(torch_norms)} "
                   "are torch's nn.LayerNorm (weight, bias); use llmscratch's LayerNorm "
                   "(scale, shift), imported at the top of the file")
        elif missing or extra:
            why = (f"missing {missing}, unexpected {extra}: query/key/value biases exist only "
                   f"when cfg['qkv_bias'] is True (here {cfg['qkv_bias']})"
                   if all("W_" in k for k in missing + extra) else
                   f"missing {missing}, unexpected {extra}" + _own_module_hint(missing, extra))
        elif shapes.get("att.mask") == (E, E) and all(
                shapes[k] == want[k] for k in want if k != "att.mask"):
            why = (f"the attention mask is {E} x {E}, yet every weight has the right shape: "
                   f"MultiHeadAttention got context_length=cfg['emb_dim'] ({E}); pass "
                   f"context_length=cfg['context_length'] ({C})")
        elif shapes.get("att.mask") == (E, E):
            why = (f"the attention mask is {E} x {E}: context_length and emb_dim are swapped "
                   f"(context_length={C}, emb_dim={E})")
        elif len(shapes.get("att.mask", ())) == 2 and all(
                shapes[k] == want[k] for k in want if k != "att.mask"):
            n = shapes["att.mask"][0]
            keys = [k for k, v in cfg.items() if type(v) is int and v == n and k != "emb_dim"]
            why = (f"the attention mask is {n} x {n}, expected {C} x {C}, yet every weight has "
                   "the right shape: MultiHeadAttention got context_length="
                   + (f"cfg[{keys[0]!r}] ({n})" if keys else f"{n}")
                   + f"; pass context_length=cfg['context_length'] ({C})"
                   + ("" if keys else _hard_coded(str(n))))
        else:
            diff = [k for k in want if shapes[k] != want[k]]
            why = {k: (shapes[k], want[k]) for k in diff}
            why = f"shapes differ (yours, expected): {why}" + _hard_coded(str(why))
            width = shapes.get("att.out_proj.bias", (E,))[0]
            if width != E and all(k.startswith("att.") for k in diff):
                why += f": MultiHeadAttention got d_out={width}" \
                    f"{_d_out_rule(lambda c: impl(c).att, width, cfg)}; " \
                    f"pass d_out=cfg['emb_dim'] ({E}): the heads split d_out among themselves"
        raise CheckFailure(f"state_dict differs from TransformerBlock's: {why}")
    _no_shared_modules(block, "the block")
    if same_under_two_seeds(lambda: impl(dict(cfg)).state_dict()):
        raise CheckFailure(f"TransformerBlock(cfg) has the same weights under two seeds: "
                           f"{SEEDS_ITSELF}")
    _block_seeded_weights(impl, cfg)
    heads = getattr(block.att, "num_heads", cfg["n_heads"])
    if heads != cfg["n_heads"]:
        why = _heads_rule(impl, heads, cfg)
        raise CheckFailure(f"att.num_heads is {heads}, expected cfg['n_heads'] = {cfg['n_heads']}"
                           + (f": {why}" if why else ""))
    _probe_heads(impl)
    rates = {"att.dropout": getattr(getattr(block.att, "dropout", None), "p", None),
             "drop_shortcut": getattr(block.drop_shortcut, "p", None)}
    if any(p != cfg["drop_rate"] for p in rates.values()):
        raise CheckFailure(f"dropout rates {rates}, expected drop_rate={cfg['drop_rate']} for "
                           "both: pass cfg['drop_rate'] to MultiHeadAttention and nn.Dropout")
    with torch.no_grad():  # distinct norms, so that swapped or moved norms show
        block.norm1.scale.uniform_(0.5, 1.5)
        block.norm2.shift.uniform_(-0.5, 0.5)
    ref.load_state_dict(block.state_dict())
    hint_crash = "the block must accept any num_tokens up to context_length"
    with torch.no_grad():
        block.eval()
        ref.eval()
        x_in = x.clone()
        try:
            got = _forward(block, x_in, "in eval mode", hint_crash)
        except CheckFailure as err:  # probe att's input only now: a probe call changes state
            layout = _att_layout_hint(block, x)
            if not layout:
                raise
            raise CheckFailure(str(err).replace(hint_crash, layout)) from err
        got = _as_tensor(got, "the block's output", x.shape)
        if getattr(block.att, "cache_k", None) is not None:
            block.att.reset_cache()
            raise CheckFailure("after one forward pass att holds a key/value cache: the block "
                               "calls self.att(..., use_cache=True), so every later call sees "
                               "the keys of earlier inputs; the exercise's block has no cache, "
                               "call self.att(self.norm1(x)) (use_cache=False, the default)")
        if not torch.equal(x_in, x):
            raise CheckFailure("the block changed its input in place (x += ...): the caller's "
                               "tensor must stay as it was; write x = x + drop_shortcut(...)")
        expected = ref(x)
        # Outputs are of size 1-3; float32 rounding stays near 1e-6, the mutants differ by 0.1+.
        hint = likely_cause(got, _block_mistakes(ref, x, cfg), atol=1e-5) or _random_in_eval(
            block, x, got, "outputs") or _extra_input_hint(got, expected, x) or (
            _scaled_sublayer_hint(ref, x, got)) or (
            _token_contrast(got, expected, "position 0 attends to itself only")
            + ", in eval mode with your weights loaded into TransformerBlock: x + "
            "att(norm1(x)) first, then x + ff(norm2(x)), each added to its own input"
            + _block_stage_hint(block, x, got))
        assert_close(got, expected, what="the block's output in eval mode", atol=1e-5, hint=hint)
        x2 = torch.randn(x.shape, generator=torch.Generator().manual_seed(5))
        got2 = _forward(block, x2, "on a second input of the same shape", hint_crash)
        hint = ("the first input gave the right output, a second input of the same shape does "
                "not: the block keeps something from an earlier call (an attribute set in "
                "forward, e.g. a stored shortcut or norm output); compute everything from this "
                "call's x")
        if isinstance(got2, torch.Tensor) and got2.shape == x2.shape and not torch.allclose(
                got2, ref(x2), atol=1e-5, rtol=0.0):  # confirm on a fresh block first
            with torch.random.fork_rng():
                fresh = impl(dict(cfg))
            fresh.load_state_dict(block.state_dict())
            again = _forward(fresh.eval(), x2, "on a second input of the same shape", hint_crash)
            if isinstance(again, torch.Tensor) and torch.equal(again, got2):
                hint = ("a fresh block with your weights gives the same output on this input, "
                        "so nothing carries over between calls: the first input stayed within "
                        "the tolerance by chance, and the block computes something slightly "
                        "else" + _block_stage_hint(fresh, x2, again))
        assert_close(got2, ref(x2), what="the block's output on a second input of the same "
                     "shape (eval mode)", atol=1e-5, hint=hint)
        one = x[:1, :1].clone()
        _as_tensor(_forward(block, one, "on a batch of one single token", hint_crash),
                   "the block's output on a batch of one single token", one.shape)
        _same_on_non_contiguous(block, x, expected, "the block's output (eval mode)")
        # Training mode: the same seed draws the same masks only if dropout sits where it should.
        block.train()
        ref.train()
        torch.manual_seed(11)
        drops = []
        hook = block.drop_shortcut.register_forward_hook(lambda *_: drops.append(1))
        atts = []
        att_hook = (block.att.register_forward_hook(lambda *_: atts.append(1))
                    if isinstance(block.att, torch.nn.Module) else None)
        got = _as_tensor(_forward(block, x, "in training mode", hint_crash),
                         "the block's output", x.shape)
        hook.remove()
        if att_hook is not None:
            att_hook.remove()
        torch.manual_seed(11)
        expected = _block_forward(ref, x)
        twice = (f"drop_shortcut ran {len(drops)} times in one forward pass; apply it exactly "
                 "once to each sub-layer's output (2 times in all)" if len(drops) > 2 else
                 f"att ran {len(atts)} times in one forward pass; each extra call draws its "
                 "attention-dropout masks from the random stream too, so every later mask "
                 "shifts: call self.att once, x + drop_shortcut(att(norm1(x)))"
                 if len(atts) > 1 else None)
        hint = (twice if len(drops) > 2 else None) or likely_cause(
            got, _block_mistakes(ref, x, cfg, seed=11), atol=1e-5) or twice or (
            _dropout_place_hint(block, ref, x, seed=11)) or (
            "eval mode matched, but with dropout on the output differs from the reference "
            f"under the same seed (drop_shortcut ran {len(drops)} times, att {len(atts)} "
            "time(s)), so dropout is drawn in other places or another number of "
            "times: x = x + drop_shortcut(att(norm1(x))), then x = x + "
            "drop_shortcut(ff(norm2(x))), and no other dropout.")
        assert_close(got, expected, what=f"the block's output in training mode "
                     f"(drop_rate={cfg['drop_rate']}, same seed as the reference)", atol=1e-5,
                     hint=hint)
    _block_gradient(block, ref, x)
    _keeps_float64(block, ref, x, "TransformerBlock", "x + drop_shortcut(att(norm1(x))) ...")


def _seeded_block(cfg, extra_before=None, extra=None):
    """TransformerBlock's sub-modules made in its order under the current seed, with
    ``extra()`` made and thrown away just before ``extra_before``: its state_dict."""
    E = cfg["emb_dim"]
    makers = {"att": lambda: llmscratch.MultiHeadAttention(
                  E, E, cfg["context_length"], cfg["drop_rate"], cfg["n_heads"],
                  qkv_bias=cfg["qkv_bias"]),
              "ff": lambda: FeedForward(cfg), "norm1": lambda: llmscratch.LayerNorm(E),
              "norm2": lambda: llmscratch.LayerNorm(E)}
    state = {}
    for name, make in makers.items():
        if name == extra_before:
            extra()
        state.update({f"{name}.{k}": v for k, v in make().state_dict().items()})
    return state


def _block_seeded_weights(impl, cfg):
    """Under one seed the block must get TransformerBlock's weights: the creation order is
    checked elsewhere, so a difference here means extra random draws in __init__ (a module made
    and thrown away, a layer made twice) or an initialisation of one's own."""
    with torch.random.fork_rng():
        torch.manual_seed(123)
        mine = impl(dict(cfg)).state_dict()
        torch.manual_seed(123)
        want = TransformerBlock(cfg).state_dict()
    differ = [k for k in want if k in mine and mine[k].shape == want[k].shape
              and not torch.equal(mine[k], want[k])]
    if not differ:
        return
    module = differ[0].split(".")[0]
    E = cfg["emb_dim"]
    extras = {"FeedForward(cfg)": lambda: FeedForward(cfg),
              "MultiHeadAttention(...)": lambda: llmscratch.MultiHeadAttention(
                  E, E, cfg["context_length"], cfg["drop_rate"], cfg["n_heads"],
                  qkv_bias=cfg["qkv_bias"])}
    found = None
    for what, extra in extras.items():
        with torch.random.fork_rng():
            torch.manual_seed(123)
            replay = _seeded_block(cfg, module, extra)
        if all(torch.equal(replay[k], mine[k]) for k in want if k in replay and k in mine):
            found = what
            break
    drawn = [k for k in want if k.startswith(("att.W_", "att.out_proj", "ff."))]
    after = drawn[drawn.index(differ[0]):] if differ[0] in drawn else []
    if after and any(k not in differ for k in after):  # later draws match: overwritten after
        raise CheckFailure(
            f"under the same seed your initial weights differ from TransformerBlock's in "
            f"{', '.join(differ)} only (every weight drawn after them matches, so the random "
            "numbers were drawn as TransformerBlock draws them and these tensors were changed "
            "afterwards): an initialisation of your own (nn.init, a scaled or zeroed weight, "
            "such as GPT-2's 0.02 std); keep the modules' default initialisation")
    matched = [m for m in ("att", "ff") if m != module and not any(
        k.startswith(m + ".") for k in differ)]
    raise CheckFailure(
        f"under the same seed your initial weights differ from TransformerBlock's from "
        f"{differ[0]} on ({len(differ)} of {len(want)} tensors"
        + (f"; {' and '.join(matched)} match" + ("" if len(matched) > 1 else "es")
           if matched else "") + "): "
        + (f"your __init__ makes an extra {found} and throws it away just before creating "
           f"{module} (to count its parameters?), and that draws random numbers, so every "
           "module after it gets other weights than the book's under torch.manual_seed: "
           "count on the block's own self.ff, or outside __init__"
           if found else
           f"something in your __init__ draws random numbers or changes weights that "
           f"TransformerBlock does not, by the time {module} is made (a module made and "
           "thrown away, a layer created twice, or an initialisation of your own): create "
           "att, ff, norm1, norm2 and drop_shortcut once each, with their default "
           "initialisation"))


def _block_stage_hint(block, x, got):
    """'; <the first step that differs>': hooks record what norm1, att, norm2 and ff receive
    and return in one eval-mode pass; each step is compared with the learner's own earlier
    values (x, norm1's output, x + att's output, norm2's output, then the sum with ff's)."""
    mods = {n: getattr(block, n, None) for n in ("norm1", "att", "norm2", "ff")}
    if not all(isinstance(m, torch.nn.Module) for m in mods.values()):
        return ""
    layout = _att_layout_hint(block, x)
    if layout:
        return f"; {layout}"
    seen = _record_io(mods, lambda: block(x.clone()))
    if seen is None or not all(n in seen for n in mods):
        return ""
    (n1_in, n1_out), (a_in, a_out) = seen["norm1"], seen["att"]
    (n2_in, n2_out), (f_in, f_out) = seen["norm2"], seen["ff"]
    steps = [(n1_in, x, "norm1 does not get the block's input x"),
             (a_in, n1_out, "att does not get norm1's output"),
             (n2_in, x + a_out if getattr(a_out, "shape", None) == x.shape else None,
              "norm1 and att are used right, but norm2 does not get "
              "x + att's output (the first shortcut)"),
             (f_in, n2_out, "ff does not get norm2's output"),
             (got, n2_in + f_out, "both sub-layers get the right inputs, but the block does "
              "not return norm2's input + ff's output (the second shortcut); nothing comes "
              "after it")]
    subs = {2: (x, a_out, "att"), 4: (n2_in, f_out, "ff")}  # the shortcut steps
    for i, (have, want, text) in enumerate(steps):
        if not (isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor)
                and have.shape == want.shape and torch.allclose(have, want, atol=1e-5)):
            extra = _relation_of(have, want, whole_only=True) or _elementwise_hint(
                have, *subs.get(i, (None,) * 3)) or _added_relation(
                have, *subs.get(i, (None,) * 3)) or _relation_of(have, want)
            return f"; {text}{extra}"
    return ""


def _added_relation(have, base, out, name):
    """' (what is added ... compared with name's output: <relation>)' when ``have - base`` is
    the sub-layer's output ``out`` changed in a simple way (rolled, reversed, a factor)."""
    if not all(isinstance(t, torch.Tensor) for t in (have, base, out)) or not (
            have.shape == base.shape == out.shape):
        return ""
    said = describe_difference(have - base, out, dims=("batch", "tokens", "emb_dim"),
                               where=False).removeprefix("What differs: ").rstrip(".")
    return (f" (what your shortcut adds to its input, compared with {name}'s output: {said}; "
            f"add {name}'s output as it is)" if said else "")


def _elementwise_hint(have, base, out, name):
    """' (what is added is <fn> of name's output ...)' when ``have - base`` is an element-wise
    function of the sub-layer's output ``out``: a known one is named, else its monotony."""
    if not (isinstance(out, torch.Tensor) and isinstance(have, torch.Tensor)
            and have.shape == out.shape == base.shape):
        return ""
    d, o = (have - base).double().flatten(), out.double().flatten()
    for fn in ("tanh", "relu", "sigmoid", "gelu"):
        if torch.allclose(d, getattr(torch.nn.functional, fn)(o), atol=1e-5):
            return (f" (what is added back is {fn}({name}'s output): {name}'s output must be "
                    "added as it is, with no activation after it)")
    order = o.argsort()
    steps = d[order].diff()
    if (steps >= -1e-6).all() and not torch.allclose(d, o, atol=1e-5):
        return (f" (what is added back rises with {name}'s output entry by entry but is not "
                f"equal to it: an element-wise function, such as an activation, applied to "
                f"{name}'s output before the shortcut?)")
    return ""


def _att_layout_hint(block, x):
    """A hint when att receives norm1's output with its batch rows laid out differently (axes
    0 and 1 swapped, or the rows flattened into one sequence), else ''. A pre-hook records att's
    input, so an attention that crashes on it still shows it."""
    norm1, att = getattr(block, "norm1", None), getattr(block, "att", None)
    if not (isinstance(norm1, torch.nn.Module) and isinstance(att, torch.nn.Module)):
        return ""
    seen = {}
    hooks = [norm1.register_forward_hook(lambda m, a, out: seen.setdefault("n1", out)),
             att.register_forward_pre_hook(
                 lambda m, a: seen.setdefault("att", a[0] if a else None))]
    try:
        with torch.no_grad():
            block(x.clone())
    except Exception:  # noqa: BLE001 - the hooks may have seen enough before the crash
        pass
    finally:
        for h in hooks:
            h.remove()
    n1, a_in = seen.get("n1"), seen.get("att")
    if not (isinstance(n1, torch.Tensor) and isinstance(a_in, torch.Tensor)) or (
            n1.dim() != 3 or n1.shape[0] < 2 or a_in.shape == n1.shape):
        return ""
    b, t, d = n1.shape
    if a_in.shape == (t, b, d) and torch.allclose(a_in, n1.transpose(0, 1), atol=1e-6):
        return (f"att gets norm1's output with the batch and token axes swapped, shape {(t, b, d)} "
                "(the (tokens, batch, emb) layout of torch's nn.MultiheadAttention), so it "
                "attends across the batch rows; MultiHeadAttention takes (batch, num_tokens, "
                "emb_dim) as it is: self.att(self.norm1(x))")
    if a_in.numel() == n1.numel() and a_in.shape[-1] == d and torch.allclose(
            a_in.reshape(-1, d), n1.reshape(-1, d), atol=1e-6):
        return (f"att gets norm1's output {tuple(n1.shape)} reshaped to {tuple(a_in.shape)}: "
                "the batch rows are flattened into one sequence, so tokens of one row attend to "
                "other rows; each row is its own sequence, pass (batch, num_tokens, emb_dim) "
                "as it is: self.att(self.norm1(x))")
    return ""


def _random_in_eval(module, x, got, what):
    """A hint when ``module`` gives another output on a second call in eval mode, else None.
    Two more calls under one seed tell random draws (dropout) from state kept between calls."""
    torch.manual_seed(99)
    fresh = []  # nn.Dropout modules that ran in training mode but are none of module's own
    own = {id(m) for m in module.modules()}
    def note(mod, _args):
        if isinstance(mod, torch.nn.Dropout) and mod.training and id(mod) not in own:
            fresh.append(mod)
    handle = torch.nn.modules.module.register_module_forward_pre_hook(note)
    try:
        again = module(x)
    finally:
        handle.remove()
    if isinstance(again, torch.Tensor) and not torch.equal(again.detach(), got) and fresh:
        return (f"in eval mode two calls give different {what}: forward makes a new "
                f"nn.Dropout(p={fresh[0].p}) on every call and applies it; a module made "
                "inside forward is not a sub-module, so .eval() never reaches it and it always "
                "drops: create the dropout once in __init__ (self.drop_shortcut, self.drop_emb) "
                "and call that one")
    if isinstance(again, torch.Tensor) and not torch.equal(again.detach(), got):
        torch.manual_seed(99)
        third = module(x)
        if isinstance(third, torch.Tensor) and not torch.equal(third.detach(), again.detach()):
            return (f"in eval mode every call on the same input gives other {what}, even with "
                    "the random seed reset before each call, so it is not dropout: the module "
                    "keeps state between calls (an attribute that forward updates, e.g. a "
                    "position offset or a counter carried from the previous call); compute "
                    "each call from its input alone")
        return (f"in eval mode two calls give different {what}: a dropout stays on after "
                ".eval() (F.dropout without training=self.training); use the nn.Dropout "
                "modules, which switch off in eval mode")
    return None


def _extra_input_hint(got, expected, x):
    """Name an output that is the right one plus a whole multiple of the block's input."""
    d, xd = got.double() - expected.double(), x.double()
    k = ((d * xd).sum() / (xd * xd).sum()).item()
    if abs(k) < 0.5 or abs(k - round(k)) > 1e-3 or not torch.allclose(
            d, round(k) * xd, atol=1e-4):
        return None
    k = round(k)
    return (f"your output is the right one {'plus' if k > 0 else 'minus'} {abs(k)} times the "
            f"block's input x, so x is added {1 + k} times in all: a shortcut added on top of "
            "an x that already holds it (x = x + drop_shortcut(...) followed by x = x + "
            "shortcut?) or a missing one; add each sub-layer's input back exactly once")


def _scaled_sublayer_hint(ref, x, got):
    """Name sub-layer outputs multiplied by a constant before the shortcut (eval mode): the
    attention factor is tried from a short list, the feed-forward factor is fitted."""
    att = ref.att(ref.norm1(x)).double()
    keep = 1 - ref.drop_shortcut.p  # dropout's old inference scaling, or its inverse
    for a in (1.0, 0.5, 2.0, 2**-0.5, 2**0.5, 0.1, 0.0, -1.0, keep, 1 / keep):
        h = x.double() + a * att
        f = ref.ff(ref.norm2(h.float())).double()
        b = ((got.double() - h) * f).sum().item() / (f * f).sum().item()
        if (a, round(b, 3)) == (1.0, 1.0) or not torch.allclose(
                got.double(), h + b * f, atol=1e-4):
            continue
        parts = [f"attention's by {a:g}" if a != 1 else "",
                 f"the feed-forward's by {b:.4g}" if abs(b - 1) > 1e-3 else ""]
        if a in (keep, 1 / keep) and abs(b - a) < 1e-3 and a not in (0.5, 2.0):
            how = ("1 - drop_rate" if a == keep else "1 / (1 - drop_rate)")
            return (f"in eval mode both sub-layer outputs are multiplied by {a:.4g} = {how} "
                    f"(drop_rate = {ref.drop_shortcut.p:g}) before the shortcut: nn.Dropout "
                    "already rescales by 1 / (1 - p) in training and does nothing in eval mode "
                    "(inverted dropout), so no factor belongs in either mode; add "
                    "drop_shortcut(sublayer(norm(x))) as it is")
        return (f"your output is x + {a:g} * att(norm1(x)), then + {b:.4g} * ff(norm2(x)): "
                f"the sub-layer output is scaled before the shortcut is added ("
                + " and ".join(q for q in parts if q) + "); add it as it is, "
                "x + drop_shortcut(att(norm1(x)))")
    return None


def _block_gradient(block, ref, x):
    """The shortcuts must carry the gradient back to the block's input (eval mode)."""
    block.eval()
    ref.eval()
    weights = torch.linspace(-1.0, 1.0, x.numel()).reshape(x.shape)

    def grad(fn):
        x_in = x.clone().requires_grad_(True)
        (fn(x_in) * weights).sum().backward()
        return x_in.grad if x_in.grad is not None else torch.zeros_like(x)

    att, ff, n1, n2 = ref.att, ref.ff, ref.norm1, ref.norm2

    def detached(first, second):
        def fn(x_in):
            h = (x_in.detach() if first else x_in) + att(n1(x_in))
            return (h.detach() if second else h) + ff(n2(h))
        return fn

    expected = grad(ref)
    out, switched_off = _run_noting_grad_off(block,
                                             lambda: block(x.clone().requires_grad_(True)))
    if isinstance(out, torch.Tensor) and out.grad_fn is None:
        cause = ("your sub-layers ran with gradients switched off (torch.no_grad() or "
                 "torch.inference_mode() inside forward)" if switched_off else
                 "the result is cut from the graph (.detach(), .data, or a copy)")
        raise CheckFailure(f"on a {tuple(x.shape)} input that requires grad (eval mode), the "
                           f"block's output has no gradient (grad_fn is None): {cause}, so "
                           "training could never update the block; the values are right: "
                           "compute forward with gradients on")
    mistakes = {
        "the first shortcut is detached (shortcut = x.detach() or x.data): the gradient must "
        "flow back through it, shortcut = x": grad(detached(True, False)),
        "the second shortcut is detached (.detach() or .data): the gradient must flow back "
        "through it, shortcut = x": grad(detached(False, True)),
        "both shortcuts are detached (.detach() or .data): the gradient must flow back through "
        "them, shortcut = x": grad(detached(True, True)),
    }
    for name, (a_off, f_off) in (("attention", (True, False)), ("feed-forward", (False, True))):
        def cut(x_in, a_off=a_off, f_off=f_off):
            a = att(n1(x_in))
            h = x_in + (a.detach() if a_off else a)
            f = ff(n2(h))
            return h + (f.detach() if f_off else f)
        mistakes[f"the {name} sub-layer's output is detached, or the input of its norm (both "
                 "cut the same path: .detach(), .data or torch.no_grad() on either), so no "
                 "gradient reaches the sub-layer or its norm: keep them in the graph"] = grad(cut)
    try:
        got = grad(block)
    except RuntimeError as err:
        if "modified by an inplace operation" not in str(err):
            raise
        raise CheckFailure(
            f"on a {tuple(x.shape)} input that requires grad (eval mode) the block's values are "
            "right, but backward() fails: a tensor that autograd saved for the backward pass "
            "(the input of a norm or a sub-layer) was changed in place afterwards (torch says: "
            f"{str(err).split(': [')[0]}), for example by an in-place add (h += ... or "
            "h.add_(...)) into a tensor that a norm has already read: write x = x + ..., which "
            "makes a new tensor") from None
    hint = likely_cause(got, mistakes, atol=1e-4) or (
        "the output is right but its gradient with respect to the input is not: something is "
        "detached on the way (.detach(), .data or torch.no_grad()).")
    assert_close(got, expected, what="the gradient of the block's output with respect to its "
                 "input (eval mode)", atol=1e-4, hint=hint)


def check_transformer_block(impl):
    cases = []
    for key, rate in (("A", 0.25), ("B", 0.4)):
        cfg = {**CONFIGS[key], "drop_rate": rate}
        batch, tokens = BATCH_TOKENS[key]
        x = torch.randn(batch, tokens, cfg["emb_dim"], generator=torch.Generator().manual_seed(2))
        cases.append((_describe(cfg) + f", drop_rate={rate}",
                      lambda answer, cfg=cfg, x=x: _transformer_block_case(answer, cfg, x)))
    check_cases(state_probed(impl, cases, probe_first=False))


# --- ex4_5: parameters of feed-forward versus attention ------------------------------------------


def _split_mistakes(cfg):
    E, C, bias = cfg["emb_dim"], cfg["context_length"], 3 * cfg["emb_dim"]
    ff = 8 * E * E + 5 * E
    att = 4 * E * E + E + (bias if cfg["qkv_bias"] else 0)
    qkv_cause = ("query/key/value biases exist only when cfg['qkv_bias'] is True"
                 if not cfg["qkv_bias"] else
                 "with cfg['qkv_bias'] True, query, key and value each have a bias of emb_dim")
    head_dim = E // cfg.get("n_heads", 1)
    extra = {
        "the second Linear's bias has emb_dim values (one per output unit), not 4 * emb_dim":
            [ff + 3 * E, att],
        "query/key/value weights are emb_dim x emb_dim each (all heads together, d_out = "
        "emb_dim), not emb_dim x head_dim": [ff, att - 3 * E * E + 3 * E * head_dim],
    }
    if cfg["qkv_bias"]:
        extra["query, key and value each have their own bias of emb_dim (3 x emb_dim in all), "
              "not one bias for the three"] = [ff, att - 2 * E]
        extra["query, key and value biases have emb_dim values each (d_out = emb_dim, all "
              "heads together), not head_dim"] = [ff, att - 3 * E + 3 * head_dim]
        extra["the query/key/value biases are counted once per head (3 x n_heads x emb_dim); "
              "each of W_query, W_key and W_value has ONE bias of emb_dim, shared by the heads"
              ] = [ff, att + 3 * E * (cfg.get("n_heads", 1) - 1)]
    if cfg.get("n_heads", 1) > 1:
        extra["out_proj's bias is counted once per head (n_heads x emb_dim); out_proj is ONE "
              "Linear(emb_dim, emb_dim) after the heads are joined, with one bias of emb_dim"
              ] = [ff, att + E * (cfg["n_heads"] - 1)]
    extra["you counted norm1 and norm2 (the scale and shift of both, 4 x emb_dim) in the "
          "attention; the norms belong to the block, not to att"] = [ff, att + 4 * E]
    extra["you counted norm1 and norm2 (the scale and shift of both, 4 x emb_dim) in the "
          "feed-forward block; the norms belong to the block, not to ff"] = [ff + 4 * E, att]
    for size, dtypes in ((4, "float32"), (2, "float16 or bfloat16")):
        extra[f"both counts are exactly {size} times the right ones: {size} x the number of "
              f"parameters is their memory in bytes ({size} bytes per {dtypes} value, as in "
              "parameter_memory_mb); return the number of parameters itself"] = [
            size * ff, size * att]
    wide = cfg.get("n_heads", 1) * 64  # GPT-2's heads are 64 wide, so 768 = 12 x 64 in 124M
    if wide != E:
        att64 = 4 * wide * wide + wide + (3 * wide if cfg["qkv_bias"] else 0)
        extra[f"attention is counted {wide} wide, n_heads x 64 (GPT-2 small's head width, "
              f"12 x 64 = 768), but this cfg has emb_dim = {E} with {cfg.get('n_heads', 1)} "
              "heads: the attention width is cfg['emb_dim'] whatever the head count"] = [
            ff, att64]
    tensors = 5 + (3 if cfg["qkv_bias"] else 0)  # out_proj's weight and bias + q/k/v
    extra[f"these are the numbers of parameter TENSORS (4 in the feed-forward block, {tensors} "
          "in attention here), e.g. len(list(module.parameters())): count their elements, "
          "sum(p.numel() for p in module.parameters())"] = [4, tensors]
    return extra | {
        "you left out the biases of the two Linear layers (4 * emb_dim + emb_dim)":
            [ff - 5 * E, att],
        "you left out the bias of out_proj (it always has one)": [ff, att - E],
        "you counted the weight matrices alone and left out every bias: the feed-forward's "
        "(4 * emb_dim + emb_dim), out_proj's (emb_dim, always there) and, when qkv_bias is "
        "True, query/key/value's (3 x emb_dim); count the .bias tensors too":
            [ff - 5 * E, 4 * E * E],
        "you left out out_proj (emb_dim x emb_dim weights and a bias)": [ff, att - E * E - E],
        qkv_cause: [ff, att + (bias if not cfg["qkv_bias"] else -bias)],
        "you counted the causal mask buffer (context_length ** 2 entries): module.state_dict() "
        "holds buffers too; count module.parameters()": [ff, att + C * C],
        "these are the counts of GPT_CONFIG_124M, but the config differs: compute them from "
        "cfg['emb_dim'] and cfg['qkv_bias']": [4_722_432, 2_360_064],
        "the hidden layer is 4 * emb_dim wide, not 2 * emb_dim": [4 * E * E + 3 * E, att],
        "feed_forward and attention are swapped": [att, ff],
        "the hidden width is hard-coded to 3072 (4 x GPT-2 small's 768): it is "
        "4 * cfg['emb_dim']": [2 * 3072 * E + 3072 + E, att],
        "you counted all n_layers blocks; the exercise asks for ONE block (do not multiply "
        "by cfg['n_layers'])": [ff * cfg["n_layers"], att * cfg["n_layers"]],
        "you left out the bias of the second Linear (emb_dim values)": [ff - E, att],
        "you left out the bias of the first Linear (4 * emb_dim values)": [ff - 4 * E, att],
        "the first Linear's bias has 4 * emb_dim values (one per hidden unit), not emb_dim":
            [ff - 3 * E, att],
        "you counted norm1's scale and shift (2 x emb_dim) in the attention; the norms belong "
        "to the block, not to att": [ff, att + 2 * E],
        "you counted norm2's scale and shift (2 x emb_dim) in the feed-forward block; the norms "
        "belong to the block, not to ff": [ff + 2 * E, att],
    }


def _parameter_split_case(impl, cfg):
    given = dict(cfg)
    got = call_answer(impl, (given,), "block_parameter_counts(cfg)", hints=[
        (f"num_heads={cfg['drop_rate']}", POSITIONAL_MHA),
        (f"dropout probability has to be between 0 and 1, but got {cfg['n_heads']}",
         POSITIONAL_MHA),
        (f"got d_out={cfg['emb_dim']}, num_heads=",
         f"your MultiHeadAttention gets a num_heads that does not divide emb_dim="
         f"{cfg['emb_dim']}, so it is not this config's n_heads ({cfg['n_heads']}): a fixed "
         "number (GPT-2 small's 12?) instead of cfg['n_heads']; the count does not depend on "
         "the number of heads, but the module must be buildable for every config")])
    if given != cfg:
        changed = sorted(k for k in set(given) | set(cfg) if given.get(k, ...) != cfg.get(k, ...))
        raise CheckFailure(f"block_parameter_counts changed the cfg it was given in place "
                           "(keys "
                           f"{changed}): the caller's config must stay as it was; work on a "
                           "copy, {**cfg, 'drop_rate': 0.0}")
    if (not isinstance(got, dict) or set(got) != {"feed_forward", "attention"}
            or not all(isinstance(v, (int, float)) or hasattr(v, "__int__") for v in got.values())):
        raise CheckFailure(f"return a dict with the keys 'feed_forward' and 'attention' and "
                           f"whole numbers as values, got {got!r}")
    floats = {k: v for k, v in got.items()
              if isinstance(v, float) or (isinstance(v, torch.Tensor) and v.is_floating_point())}
    ff = count_parameters(FeedForward(cfg))
    att = count_parameters(TransformerBlock(cfg).att) if cfg["emb_dim"] < 256 else None
    if att is None:  # the 124M block: the published counts
        ff, att = 4_722_432, 2_360_064
    if floats:
        units = {1e6: "millions", 1e3: "thousands", 1e9: "billions"}
        unit = next((u for u in units if all(
            abs(float(got[k]) * u - want) <= max(0.5, 5e-3 * want)
            for k, want in (("feed_forward", ff), ("attention", att)))), None)
        raise CheckFailure(f"the counts {floats} are floats; a parameter count is a whole "
                           "number: " + (
                               f"yours are the counts divided by {unit:g} ({ff:,} and {att:,} "
                               f"in {units[unit]}, as the book prints them): return the "
                               "plain counts, without dividing" if unit else
                               "return ints (use // instead of /, or int(...))"))
    odd = {k: type(v).__name__ for k, v in got.items()
           if not isinstance(v, int) or isinstance(v, bool)}
    if odd:
        raise CheckFailure(f"the counts have the types {odd}; return plain Python ints "
                           "(int(...) around a numpy or torch number)")
    actual = torch.tensor([float(got["feed_forward"]), float(got["attention"])])
    E = cfg["emb_dim"]
    def matrices(d):  # d = m * E**2 + v * E with a few vectors: name the whole layers
        m = round(d / (E * E))
        v, r = divmod(d - m * E * E, E)
        v = v - E if v > E // 2 else v
        return (f" ({m:+} x emb_dim**2 {v:+} x emb_dim: {abs(m)} emb_dim x emb_dim weight "
                f"matrix(es) and {abs(v)} bias(es) of emb_dim too {'many' if d > 0 else 'few'}"
                "; a whole Linear layer counted twice or left out?)"
                if m and v and not r and abs(v) <= 4 and m * v > 0 else None)

    offs = [f"{key} is off by {int(a) - e:+,}" + (
                f" ({(int(a) - e) // (E * E):+} x emb_dim**2: that many emb_dim x emb_dim "
                "weight matrices too many or too few)" if (int(a) - e) % (E * E) == 0 else
                matrices(int(a) - e) or
                f" ({(int(a) - e) // E:+} x emb_dim)" if (int(a) - e) % E == 0 else
                _count_terms(int(a) - e, E))
            for key, a, e in (("feed_forward", actual[0], ff), ("attention", actual[1], att))
            if int(a) != e]
    if abs(int(actual[0]) - ff) == 4 * E * E:  # one Linear's weight of the feed-forward
        offs = [o + (", exactly one of its two weight matrices (emb_dim x 4 * emb_dim each) "
                     + ("left out" if int(actual[0]) < ff else "counted twice"))
                if o.startswith("feed_forward") else o for o in offs]
    hidden, rest = divmod(int(actual[0]) - E, 2 * E + 1)  # ff = 2 * E * H + H + E
    width = (f"; your feed_forward count is exactly that of a hidden layer {hidden:,} wide "
             f"(Linear(emb_dim, {hidden}) and back, with biases), but the hidden layer is "
             f"4 * emb_dim = {4 * E:,} wide (emb_dim={E}): take it from cfg['emb_dim']"
             + (f", not from another key or a constant ({hidden:,} = {hidden // E} x "
                f"emb_dim here)" if hidden % E == 0 else "")
             if not rest and hidden > 0 and int(actual[0]) != ff else "")
    implied = round((math.sqrt(25 + 32 * max(int(actual[0]), 0)) - 5) / 16)  # ff = 8E^2 + 5E
    other_width = (f"your feed_forward count is exactly that of emb_dim = {implied:,}"
                   + (" (GPT_CONFIG_124M's)" if implied == 768 else "")
                   + f", but this cfg has emb_dim = {E}: compute both counts from "
                   "cfg['emb_dim'], not from another config or a fixed width"
                   if implied > 0 and implied != E and 8 * implied**2 + 5 * implied == int(
                       actual[0]) else None)
    per = 1 + (3 if cfg["qkv_bias"] else 0)  # attention = 4 W**2 + per * W for a width W
    att_width = round((math.sqrt(per * per + 16 * max(int(actual[1]), 0)) - per) / 8)
    keys = [k for k, v in cfg.items() if type(v) is int and v == att_width]
    other_width = other_width or (
        f"your attention count is exactly that of a width of {att_width:,} (4 weight matrices "
        f"{att_width} x {att_width} and their biases)"
        + (f", which is cfg[{keys[0]!r}]" if keys else "") + f", but this cfg has emb_dim = "
        f"{E}: query, key, value and out_proj are all emb_dim x emb_dim; take the width from "
        "cfg['emb_dim']" if att_width > 0 and att_width != E and int(actual[0]) == ff
        and 4 * att_width**2 + per * att_width == int(actual[1]) else None)
    hint = _xor_hint(impl, actual, ff, att) or _bias_pattern(impl, cfg, got) or likely_cause(
        actual, _split_mistakes(cfg), atol=0.5) or _augmented_hint(
        impl, cfg, actual, ff, att) or other_width or _outside_block(
        actual, cfg, ff, att) or _ff_bias_width(int(actual[0]) - ff, cfg) or (
        _counts_factor(actual, ff, att) or "; ".join(offs) + (
            width or ": count every weight matrix and bias vector of the module."))
    if hint.startswith("you counted norm1's scale and shift") and "norm" not in (
            answer_source(impl) or "norm").lower():  # 2 x emb_dim, but no norm in the code
        hint = ("attention is 2 x emb_dim too many, and your code never mentions a norm (norm1's"
                " scale and shift would be those 2 x emb_dim): a bias counted 3 x emb_dim wide "
                "where it has emb_dim? out_proj has ONE bias of emb_dim, whatever qkv_bias says")
    assert_close(actual, torch.tensor([float(ff), float(att)]),
                 what="(feed_forward, attention)", atol=0.5, hint=hint)


def _augmented_offsets(E, qkv_bias):
    """What counting some Linear layers as one (in + 1) x (out + 1) matrix adds, by module."""
    if qkv_bias:  # all four layers have a bias: each adds E + 1
        att = {k * (E + 1): f"{k} of the four emb_dim x emb_dim layers (query, key, value, "
               "out_proj)" for k in range(1, 5)}
    else:  # query/key/value have no bias: each adds 2E + 1, out_proj E + 1
        att = {n * (2 * E + 1) + o * (E + 1): " and ".join(
            ([f"{n} of query/key/value"] if n else []) + (["out_proj"] if o else []))
            for n in range(4) for o in range(2) if n or o}
        att |= {k * (E + 1): f"{k} of the four emb_dim x emb_dim layers" for k in range(2, 5)}
    return {"attention": att,
            "feed_forward": {E + 1: "the first Linear (emb_dim -> 4 * emb_dim)",
                             4 * E + 1: "the second Linear (4 * emb_dim -> emb_dim)",
                             5 * E + 2: "both Linear layers"}}


def _augmented_hint(impl, cfg, actual, ff, att):
    """A count off by k x (emb_dim + 1): Linear layers counted as (in + 1) x (out + 1), e.g.
    4 * (E + 1) ** 2, confirmed on a second width before it is named."""
    E = cfg["emb_dim"]
    found = [(key, _augmented_offsets(E, cfg["qkv_bias"])[key].get(int(a) - e)) for key, a, e in (
        ("feed_forward", actual[0], ff), ("attention", actual[1], att)) if int(a) != e]
    if not found or not all(layers for _, layers in found):
        return None
    other = {**cfg, "emb_dim": E + 16, "n_heads": 1}  # a second width: no coincidence
    try:
        again = impl(dict(other))
        diffs = {"feed_forward": int(again["feed_forward"]) - (8 * (E + 16) ** 2 + 5 * (E + 16)),
                 "attention": int(again["attention"]) - (4 * (E + 16) ** 2 + (E + 16) + (
                     3 * (E + 16) if cfg["qkv_bias"] else 0))}
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not all(_augmented_offsets(E + 16, cfg["qkv_bias"])[key].get(diffs[key]) == layers
               for key, layers in found):
        return None
    return "; ".join(
        f"{key} is off by {int(a) - e:+,}, exactly what {dict(found)[key]}"
        f" give(s) when each is counted as an (in + 1) x (out + 1) matrix (a bias row AND a "
        f"bias column, like 4 * (E + 1) ** 2; the same holds at emb_dim = {E + 16})"
        for key, a, e in (("feed_forward", actual[0], ff), ("attention", actual[1], att))
        if int(a) != e) + (": a Linear(in, out) with a bias holds in * out weights and out "
                           "biases, (in + 1) * out, not (in + 1) * (out + 1)")


def _xor_hint(impl, actual, ff, att):
    """A wrong count from code that uses ``^``, Python's bitwise XOR (``E^2`` is not E**2)."""
    source = answer_source(impl) or ""
    try:
        ops = {t.string for t in tokenize.generate_tokens(io.StringIO(source).readline)
               if t.type == tokenize.OP}
    except (tokenize.TokenError, SyntaxError):  # unreadable code: no evidence either way
        return None
    if "^" not in ops and "^=" not in ops:
        return None
    wrong = [f"{key} {int(a):,} (expected {e:,})" for key, a, e in (
        ("feed_forward", actual[0], ff), ("attention", actual[1], att)) if int(a) != e]
    return (f"your code uses ^, and your counts are off: {', '.join(wrong)}. In Python ^ is "
            "bitwise XOR, not a power, and it binds looser than + and * (8 * E^2 + 5 * E is "
            "(8 * E) ^ (2 + 5 * E)): write the square as E ** 2 or E * E")


def _count_terms(diff, E):
    """' (= m x emb_dim**2 + v x emb_dim + c: ...)' for an offset that is not a multiple of
    emb_dim, written with small whole m, v and c; '' when none fits."""
    for m in range(-8, 9):
        for c in range(-16, 17):
            v, r = divmod(diff - m * E * E - c, E)
            if c and not r and abs(v) <= 32:
                parts = " ".join(f"{k:+} x {what}" for k, what in ((m, "emb_dim**2"),
                                                                   (v, "emb_dim")) if k)
                return (f" (= {parts} {c:+} with emb_dim = {E}: {abs(c)} single value(s) too "
                        f"{'many' if c > 0 else 'few'} beside whole rows of emb_dim, so a size "
                        "is off by a few units, or a bias of emb_dim values is counted as one "
                        "number (+ 1 instead of + emb_dim?))")
    return ""


def _counts_factor(actual, ff, att):
    """Both counts off by one factor: say so, with the factor (as a fraction when it is one)."""
    ratio = [actual[0].item() / ff, actual[1].item() / att]
    if abs(ratio[0] - ratio[1]) > 1e-9 * abs(ratio[0]) or abs(ratio[0] - 1) < 1e-9:
        return None
    frac = next((f"{n}/{d}" if d > 1 else f"{n}" for d in range(1, 13) for n in range(1, 97)
                 if abs(ratio[0] - n / d) < 1e-9), f"{ratio[0]:.6g}")
    return (f"both counts are exactly {frac} times the right ones (feed_forward "
            f"{int(actual[0]):,} for {ff:,}, attention {int(actual[1]):,} for {att:,}): the "
            "layer shapes are right, but the total is multiplied (or divided) by a factor "
            "that is not part of a parameter count; sum the elements of the weights and "
            "biases once")


def _ff_bias_width(diff, cfg):
    """A feed-forward count off by k x emb_dim where one bias has the width of ``cfg[key] x
    emb_dim`` (the hidden bias is 4 x emb_dim, the output bias 1 x emb_dim): name the key."""
    E = cfg["emb_dim"]
    if not diff or diff % E:
        return None
    k = diff // E
    for name, right in (("hidden Linear's", 4), ("output Linear's", 1)):
        keys = [key for key, v in cfg.items() if type(v) is int and v == right + k and v > 0]
        if keys:
            return (f"feed_forward is off by {diff:+,} = {k:+} x emb_dim: exactly what the "
                    f"{name} bias gives when counted as cfg[{keys[0]!r}] x emb_dim = "
                    f"{right + k} x {E} instead of {right} x emb_dim (a bias has one entry per "
                    "output unit of its Linear layer: 4 * emb_dim, then emb_dim)")
    return None


def _bias_pattern(impl, cfg, got):
    """Name where the attention biases went when the answer is also asked with qkv_bias
    flipped: the biases of att beyond its 4 weight matrices, for qkv_bias False and True."""
    E = cfg["emb_dim"]
    try:
        other = int(impl({**cfg, "qkv_bias": not cfg["qkv_bias"]})["attention"])
        this = int(got["attention"])
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    biases = {cfg["qkv_bias"]: this - 4 * E * E, not cfg["qkv_bias"]: other - 4 * E * E}
    if biases[False] == biases[True] == 3 * E:
        return ("query, key and value always get a bias in your count and out_proj none "
                "(3 x emb_dim of biases with qkv_bias False and True alike): it is the other "
                "way round, out_proj always has a bias of emb_dim, and query, key and value "
                "have theirs (3 x emb_dim) only when cfg['qkv_bias'] is True")
    if biases[False] == 4 * E and biases[True] == E:
        return (f"your query/key/value biases follow qkv_bias the wrong way round: counted "
                f"with qkv_bias=False ({3 * E} extra) and left out with qkv_bias=True, an "
                "inverted condition (if not cfg['qkv_bias']?); add 3 x emb_dim only when "
                "cfg['qkv_bias'] is True")
    if biases[False] == biases[True] == 4 * E:
        return ("query, key and value get a bias in your count whatever qkv_bias says (the "
                "same count with qkv_bias False and True): add their 3 x emb_dim only when "
                "cfg['qkv_bias'] is True; out_proj's bias of emb_dim is always there")
    right = {True: 4 * E, False: E}  # the biases beyond the 4 weight matrices
    for setting in (True, False):
        if biases[setting] == right[setting] and biases[not setting] + 4 * E * E in (0, 3 * E):
            value = biases[not setting] + 4 * E * E
            return (f"your attention count is right with qkv_bias={setting} but {value:,} with "
                    f"qkv_bias={not setting}: a conditional expression without parentheses, "
                    "such as 4 * E * E + E + 3 * E if cfg['qkv_bias'] else 0, makes the WHOLE "
                    "sum conditional (Python's x if c else y binds looser than +); put only "
                    "the query/key/value biases in parentheses, + (3 * E if cfg['qkv_bias'] "
                    "else 0)")
    if biases[False] == 0 and biases[True] == 4 * E:
        return ("out_proj's bias is counted only when qkv_bias is True: qkv_bias is about "
                "query, key and value alone; out_proj always has a bias of emb_dim")
    return None


def _outside_block(actual, cfg, ff, att):
    """A hint when the two counts add up to the whole model's count divided by n_layers, which
    holds parameters from outside any block (embeddings, final norm, output head)."""
    E, V, C, n = cfg["emb_dim"], cfg["vocab_size"], cfg["context_length"], cfg["n_layers"]
    block = ff + att + 4 * E  # plus norm1 and norm2
    total = V * E + C * E + n * block + 2 * E + E * V
    got = int(actual.sum())
    if abs(got - total / n) <= 2:
        return (f"your two counts add up to {got:,}, the whole GPTModel's {total:,} parameters "
                f"divided by n_layers={n}: that total also holds the token and position "
                "embeddings, the final norm and the output head, which belong to no block; "
                "count the block's ff and att modules alone (FeedForward(cfg) and the "
                "MultiHeadAttention)")
    return None


def check_parameter_split(impl):
    cases = [("GPT_CONFIG_124M", GPT_CONFIG_124M), ("emb_dim=64, qkv_bias=True", {
        **CFG_A, "emb_dim": 64, "context_length": 20, "qkv_bias": True}),
        ("emb_dim=48, qkv_bias=False", {**CFG_B, "emb_dim": 48, "context_length": 30}),
        # the second case's width again with qkv_bias flipped: a result cached by emb_dim
        # (or by any key but qkv_bias) returns the earlier count
        ("emb_dim=64, qkv_bias=False, after emb_dim=64 with qkv_bias=True", {
            **CFG_A, "emb_dim": 64, "context_length": 20, "qkv_bias": False})]
    check_cases(state_probed(impl, probe_first=False, cases=[
        (what, lambda a, cfg=cfg: _parameter_split_case(a, cfg)) for what, cfg in cases] + [
        ("two results kept side by side", lambda a: _split_results_apart(a, cases[1][1]))] + [
        ("one config dict edited between calls", lambda a: _split_same_dict(a, cases[1][1]))] + [
        (f"a config holding only emb_dim and qkv_bias{what}",
         lambda a, only=only, full=full: _split_only_needed_keys(a, only, full))
        for what, only, full in _ONLY_NEEDED_KEYS]))


# configs that hold only what the stub says the count needs (emb_dim and qkv_bias), then those
# plus an unrelated key, each with a whole config of the same width for the reference counts
_ONLY_NEEDED_KEYS = [
    ("", {"emb_dim": 16, "qkv_bias": False}, {**CFG_A, "qkv_bias": False}),
    (" (and an unrelated 'name')", {"emb_dim": 24, "qkv_bias": True, "name": "tiny"},
     {**CFG_B, "qkv_bias": True})]


def _split_only_needed_keys(impl, only, full):
    """Asked with a config that holds only the keys the stub says matter (emb_dim, qkv_bias): an
    answer that returns counts must return the right ones. One that raises for a missing key
    is left alone (the stub's other route, building the library's modules from cfg, needs the
    whole config); NotImplementedError passes through."""
    given = dict(only)
    try:
        got = impl(given)
    except Exception as err:  # noqa: BLE001 - a missing key may stop a module-building answer
        if raised_not_implemented(err):
            raise
        return
    E = only["emb_dim"]
    right = {"feed_forward": 8 * E * E + 5 * E,
             "attention": 4 * E * E + E + (3 * E if only["qkv_bias"] else 0)}
    if given == only and isinstance(got, dict) and set(got) == set(right) and all(
            type(v) is int and v == right[k] for k, v in got.items()):
        return
    try:  # the same width in a whole config: right there means the missing keys changed it
        whole = impl(dict(full))
        whole_right = isinstance(whole, dict) and all(
            type(whole.get(k)) is int and whole[k] == v for k, v in right.items())
        counts = (int(got["feed_forward"]), int(got["attention"]))
    except Exception:  # noqa: BLE001 - no evidence either way
        whole_right, counts = False, None
    if whole_right and given == only and counts is not None:
        small = (4_722_432, 2_360_064)
        raise CheckFailure(
            f"with the whole config (emb_dim={E}, qkv_bias={only['qkv_bias']}) your counts "
            f"are right, ({right['feed_forward']:,}, {right['attention']:,}), but with a config "
            f"holding only {sorted(only)} they are ({counts[0]:,}, {counts[1]:,})" + (
                ", GPT_CONFIG_124M's counts for a config that is not GPT-2 small's: hard-coded "
                "numbers returned as a fallback when a key is missing (a try/except KeyError "
                "around cfg['context_length'] or cfg['n_heads'], an `if key in cfg` test, or "
                "cfg.get(key, default)?)"
                if counts == small else
                ": your code reads other keys and counts differently when they are missing "
                "(a fallback in a try/except or cfg.get?)")
            + "; the counts need only cfg['emb_dim'] and cfg['qkv_bias'], so compute them "
            "from those two whatever else the config holds")
    if given != only:
        changed = sorted(k for k in set(given) | set(only) if given.get(k, ...) != only.get(k, ...))
        raise CheckFailure(f"block_parameter_counts changed the cfg it was given in place (keys "
                           f"{changed}, given a config holding only {sorted(only)}): the "
                           "caller's config must stay as it was; work on a copy")
    _parameter_split_case(lambda given: impl(dict(only)), full)


def _split_same_dict(impl, cfg):
    """A caller edits one config dict in place and asks again: the counts must follow the dict's
    new values (a result cached by id(cfg) returns the old ones)."""
    shared = dict(cfg)
    impl(shared)
    shared.update(emb_dim=shared["emb_dim"] // 2, qkv_bias=not shared["qkv_bias"])
    _parameter_split_case(lambda given: impl(shared), dict(shared))


def _split_results_apart(impl, cfg):
    """A caller keeps the first result while asking again: the two dicts must stay apart."""
    first = impl(dict(cfg))
    kept = dict(first) if isinstance(first, dict) else first
    second = impl({**cfg, "qkv_bias": not cfg["qkv_bias"]})
    if isinstance(first, dict) and first != kept:
        raise CheckFailure(
            f"a second call (qkv_bias flipped) changed the dict the first call returned: it "
            f"held {kept}, now {first}"
            + (" (both calls return the same dict object)" if first is second else "")
            + ": the result is a dict kept between calls (a default argument such as "
            "result={} or a module-level dict filled in by each call); build and return a "
            "new dict in every call")


# --- ex4_6: configs of the larger models ---------------------------------------------------------

LARGER = {
    "gpt2-medium": {"emb_dim": 1024, "n_layers": 24, "n_heads": 16},
    "gpt2-large": {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
    "gpt2-xl": {"emb_dim": 1600, "n_layers": 48, "n_heads": 25},
}


def _guarded_call(impl, base, snapshot):
    """``impl()`` and whether it changed ``base``; ``base`` is restored in any case."""
    try:
        got = impl()
    finally:
        changed = base != snapshot
        base.clear()
        base.update(snapshot)  # never let a wrong answer break the rest of the session
    return got, changed


def check_larger_configs(impl):
    base = llmscratch.model.GPT_CONFIG_124M
    snapshot = copy.deepcopy(base)
    got, changed = _guarded_call(impl, base, snapshot)
    if changed:
        raise CheckFailure("your function changed GPT_CONFIG_124M itself; copy it first, "
                           "e.g. {**GPT_CONFIG_124M, 'emb_dim': 1024} or copy.deepcopy(...)")
    if not isinstance(got, dict) or set(got) != set(LARGER):
        keys = sorted(got) if isinstance(got, dict) else type(got).__name__
        raise CheckFailure(f"return a dict with the keys {sorted(LARGER)}, got {keys}")
    if not all(isinstance(cfg, dict) for cfg in got.values()):
        none = any(cfg is None for cfg in got.values())
        raise CheckFailure("each value must be a config dict, got "
                           f"{[type(cfg).__name__ for cfg in got.values()]}"
                           + (": None is what dict.update(...) returns (it changes the dict in "
                              "place), so GPT_CONFIG_124M.copy().update(...) gives None; copy, "
                              "update, then use the copy, or write {**GPT_CONFIG_124M, **sizes}"
                              if none else ""))
    if len({id(cfg) for cfg in got.values()}) < len(LARGER) or any(
            cfg is base for cfg in got.values()):
        raise CheckFailure("two of the configs are the same dict object, so changing one "
                           "changes the other: build a new copy of GPT_CONFIG_124M for each "
                           "model ({**GPT_CONFIG_124M, ...} inside the loop)")
    for name, size in LARGER.items():
        expected = {**snapshot, **size}
        cfg = got[name]
        if set(cfg) == set(snapshot) and all(cfg[k] == snapshot[k] for k in size):
            old = ", ".join(f"{k}={cfg[k]}" for k in size)
            raise CheckFailure(f"{name}: emb_dim, n_layers and n_heads all still hold "
                               f"GPT_CONFIG_124M's values ({old}), expected "
                               f"{', '.join(f'{k}={v}' for k, v in size.items())}: "
                               "the new sizes never reach the config, or are overwritten by "
                               "the base (in {**a, **b} the later dict wins: "
                               "{**GPT_CONFIG_124M, **sizes}, not {**sizes, **GPT_CONFIG_124M})")
        unknown = sorted(set(cfg) - set(expected))
        for key, value in expected.items():
            if key in cfg and cfg[key] != value and cfg[key] == snapshot[key] and unknown:
                raise CheckFailure(f"{name}: {key} is still {cfg[key]!r}, and the config has the "
                                   f"unknown keys {unknown}: a misspelt key (the keys are "
                                   f"{sorted(snapshot)})")
            if key not in cfg:
                raise CheckFailure(f"{name} has no {key!r}: start from a copy of "
                                   "GPT_CONFIG_124M so that every key is there")
            if cfg[key] == value and type(cfg[key]) is not type(value):
                raise CheckFailure(f"{name}: {key} is {cfg[key]!r}, a "
                                   f"{type(cfg[key]).__name__}; expected the "
                                   f"{type(value).__name__} {value!r}"
                                   + (" (emb_dim // 64, not emb_dim / 64, which gives a float)"
                                      if isinstance(cfg[key], float) else ""))
            if isinstance(cfg[key], str) and cfg[key].strip() == str(value):
                raise CheckFailure(f"{name}: {key} is the string {cfg[key]!r}, expected the "
                                   f"{type(value).__name__} {value!r}: a value read from text "
                                   "(split, a file, input()) and never converted; wrap it in "
                                   "int(...) or write the number itself")
            if cfg[key] != value:
                swapped = [k for k in size if k != key and expected[k] == cfg[key]
                           and cfg.get(k) == value]
                others = [n for n, s in LARGER.items() if s.get(key) == cfg[key]]
                if swapped:
                    why = f" ({key} and {swapped[0]} are swapped)"
                elif cfg[key] == snapshot[key]:
                    why = " (GPT_CONFIG_124M's value: change it for this size)"
                elif others:
                    why = f" (that is {key} of {others[0]})"
                elif key in size:  # a value of the table mistyped: show the row
                    row = ", ".join(f"{k}={v}" for k, v in size.items())
                    odd = (f", and {size['emb_dim']} is not divisible by {cfg[key]} heads"
                           if key == "n_heads" and isinstance(cfg[key], int) and cfg[key] > 0
                           and size["emb_dim"] % cfg[key] else "")
                    why = f" (the table's {name} row is {row}{odd}: a mistyped value?)"
                else:
                    why = " (only emb_dim, n_layers and n_heads change between sizes)"
                raise CheckFailure(f"{name}: {key} is {cfg[key]!r}, expected {value!r}{why}")
        extra = sorted(set(cfg) - set(expected))
        if extra:
            raise CheckFailure(f"{name} has extra keys {extra}: keep exactly the keys of "
                               "GPT_CONFIG_124M")
        try:
            llmscratch.validate_config(cfg)
        except ValueError as err:
            raise CheckFailure(f"{name}: {err}") from err
    again, _ = _guarded_call(impl, base, snapshot)
    if not isinstance(again, dict) or again != got:
        diffs = [f"{n}[{k!r}] was {got[n].get(k)!r}, now {again[n].get(k)!r}"
                 for n in LARGER if isinstance(again, dict) and isinstance(again.get(n), dict)
                 for k in sorted(set(got[n]) | set(again[n])) if got[n].get(k) != again[n].get(k)]
        shown = (f" ({'; '.join(diffs[:2])})" if diffs else
                 f" (the first gave {sorted(got)}, the second "
                 f"{sorted(again) if isinstance(again, dict) else type(again).__name__})")
        raise CheckFailure("a second call returned something else than the first" + shown
                           + ": return the same three configs on every call (no state kept "
                           "between calls: a module-level dict or counter updated by each call, "
                           "or a default argument that is changed?)")
    if again is got or any(again.get(name) is got[name] for name in LARGER):
        raise CheckFailure("a second call returned the same dict objects as the first, so a "
                           "caller who edits one config (cfg['drop_rate'] = 0.0) changes what "
                           "every later call returns: build new dicts inside the function "
                           "instead of returning module-level ones")


# --- ex4_7: separate dropout rates ---------------------------------------------------------------


def _gpt_forward(ref, idx, mistake=None):
    """GPTModel's forward with dropout misplaced as ``mistake`` says (None: correct)."""
    tok = ref.tok_emb(idx)
    pos = ref.pos_emb(torch.arange(idx.shape[1]))
    if mistake == "no position":
        x = ref.drop_emb(tok)
    elif mistake == "emb before positions":
        x = ref.drop_emb(tok) + pos
    elif mistake in ("emb after blocks", "no emb dropout", "emb after norm"):
        x = tok + pos
    elif mistake == "scaled":
        x = ref.drop_emb((tok + pos) * tok.shape[-1] ** 0.5)
    elif mistake == "last positions":
        x = ref.drop_emb(tok + ref.pos_emb.weight[-idx.shape[1]:])
    elif mistake == "positions from 1":
        x = ref.drop_emb(tok + ref.pos_emb(torch.arange(1, idx.shape[1] + 1)))
    elif mistake == "emb separately":
        x = ref.drop_emb(tok) + ref.drop_emb(pos)
    elif mistake == "emb positions only":
        x = tok + ref.drop_emb(pos)
    elif mistake == "emb twice":
        x = ref.drop_emb(ref.drop_emb(tok) + pos)
    elif mistake == "positions from tok_emb":
        x = ref.drop_emb(tok + ref.tok_emb(torch.arange(idx.shape[1])))
    elif mistake in ("emb at shortcut rate", "emb at attention rate"):
        block = ref.trf_blocks[0]
        rate = (block.drop_shortcut if "shortcut" in mistake else block.att.dropout).p
        x = F.dropout(tok + pos, rate, ref.training)
    else:
        x = ref.drop_emb(tok + pos)
    blocks = ref.trf_blocks[:-1] if mistake == "skip last" else ref.trf_blocks[
        1:] if mistake == "skip first" else list(ref.trf_blocks)[::-1] if (
        mistake == "reversed") else ref.trf_blocks
    if mistake == "final norm first":
        x = ref.final_norm(x)
    for block in blocks:
        x = _block_forward(block, x, mistake if mistake in BLOCK_CAUSES else None)
    if mistake == "emb after blocks":
        x = ref.drop_emb(x)
    x = x if mistake in ("no final norm", "plain final norm", "final norm first") else (
        ref.final_norm(x))
    if mistake == "final norm twice":
        x = ref.final_norm(x)
    if mistake == "plain final norm":
        x = F.layer_norm(x, (x.shape[-1],), eps=1e-5)
    logits = ref.out_head(ref.drop_emb(x) if mistake in ("emb after norm too", "emb after norm")
                          else x)
    return torch.softmax(logits, dim=-1) if mistake == "softmax" else logits


SEPARATE_CAUSES = {
    "no position": "the same token gets the same logits at every position: add the position "
                   "embeddings, tok_emb(in_idx) + pos_emb(positions)",
    "emb before positions": "drop_emb is applied to the token embeddings before the positions "
                            "are added; apply it to their sum",
    "emb after blocks": "drop_emb is applied after the transformer blocks; it belongs right "
                        "after the embeddings, before the first block",
    "no emb dropout": "drop_emb is never applied to the embeddings",
    "residual": "drop_shortcut is applied after adding the shortcut (on the residual stream); "
                "apply it to each sub-layer's output BEFORE adding",
    "ff only": "drop_shortcut is applied after the feed-forward block only; the attention "
               "output needs it too",
    "before": "drop_shortcut is applied to the sub-layers' inputs (after the norms); apply it "
              "to each sub-layer's output, before the shortcut is added",
    "before ff": "drop_shortcut is applied to the feed-forward's input (after norm2); apply it "
                 "to ff's output, before the shortcut is added: x + drop_shortcut(ff(norm2(x)))",
    "before att": "drop_shortcut is applied to the attention's input (after norm1); apply it "
                  "to att's output, before the shortcut is added: "
                  "x + drop_shortcut(att(norm1(x)))",
    "final norm twice": "final_norm is applied twice; normalise the last block's output once, "
                        "then out_head",
    "plain final norm": "the last block's output is normalised without final_norm's scale and "
                        "shift (F.layer_norm or a fresh LayerNorm): call self.final_norm(x)",
    "final norm first": "final_norm is applied before the transformer blocks; it normalises "
                        "the LAST block's output, just before out_head",
    "no final norm": "final_norm is never applied: normalise the last block's output before "
                     "out_head",
    "scaled": "the embeddings are multiplied by sqrt(emb_dim) (as Gemma does); GPT-2 adds "
              "tok_emb and pos_emb unscaled",
    "positions from 1": "the positions start at 1; the first token sits at position 0: "
                        "torch.arange(num_tokens)",
    "once": "drop_shortcut is applied after attention only; the feed-forward output needs it "
            "too",
    "swapped": "norm1 and norm2 are swapped: norm1 goes before attention, norm2 before the "
               "feed-forward block",
    "softmax": "you returned probabilities (a softmax over the vocabulary); forward returns the "
               "raw logits of out_head",
    "emb after norm": "drop_emb is applied after final_norm, just before out_head; it belongs "
                      "right after adding the embeddings, before the first block",
    "emb after norm too": "drop_emb is applied again after final_norm; use it once, right "
                          "after adding the embeddings",
    "emb separately": "drop_emb is applied to the token and the position embeddings "
                      "separately; apply it once, to their sum: drop_emb(tok_emb(in_idx) + "
                      "pos_emb(positions))",
    "residual ff": "after the feed-forward block drop_shortcut is applied to the sum (the "
                   "residual stream); apply it to ff's output BEFORE adding the shortcut",
    "residual att": "after attention drop_shortcut is applied to the sum (the residual "
                    "stream); apply it to att's output BEFORE adding the shortcut",
    "emb positions only": "drop_emb is applied to the position embeddings alone and the "
                          "token embeddings are added after it; apply it once, to their sum: "
                          "drop_emb(tok_emb(in_idx) + pos_emb(positions))",
    "emb twice": "drop_emb is applied twice, to the token embeddings and again to the sum; "
                 "apply it once, to tok_emb(in_idx) + pos_emb(positions)",
    "emb at shortcut rate": "the embeddings are dropped at drop_rate_shortcut's rate; drop them "
                            "with self.drop_emb (p = drop_rate_emb)",
    "emb at attention rate": "the embeddings are dropped at drop_rate_attn's rate; drop them "
                             "with self.drop_emb (p = drop_rate_emb)",
    "reversed": "the blocks run in reverse order, the last first: run them in the order of "
                "trf_blocks, trf_blocks[0] first (self.trf_blocks(x))",
    "skip last": "the last transformer block is skipped: run x through every block of "
                 "trf_blocks (n_layers of them)",
    "skip first": "the first transformer block is skipped: run x through every block of "
                  "trf_blocks (n_layers of them)",
    "positions from tok_emb": "the positions are looked up in tok_emb (the token embedding); "
                              "they have their own table: pos_emb(torch.arange(num_tokens, "
                              "device=in_idx.device))",
    "last positions": "the positions are the LAST num_tokens rows of pos_emb; token t sits at "
                      "position t: pos_emb(torch.arange(num_tokens, device=in_idx.device))",
}

# the block's own mistakes, made inside every block of the model
SEPARATE_CAUSES |= {k: f"in each block: {v}" for k, v in BLOCK_CAUSES.items()
                    if k not in SEPARATE_CAUSES}

MODEL_ORDER = ["tok_emb", "pos_emb", "drop_emb", "trf_blocks", "final_norm", "out_head"]


def _separate_mistakes(ref, idx, seed=None):
    out = {}
    for mistake, cause in SEPARATE_CAUSES.items():
        if seed is not None:
            torch.manual_seed(seed)
        out[cause] = _gpt_forward(ref, idx, mistake)
    return out


def _no_drop_shortcut(impl, block):
    """Fail for a block that has no ``drop_shortcut`` at all (dropout applied some other way,
    such as ``F.dropout(..., p, self.training)`` with a rate kept as a number)."""
    modules = [n for n, m in block.named_children() if isinstance(m, torch.nn.Dropout)]
    source = answer_source(impl) or ""  # only to say how, never for the verdict
    how = (" (your code calls F.dropout instead: a function, not a sub-module)"
           if re.search(r"\b(?:F|functional)\.dropout\(", source) else
           f" (its dropout modules are named {modules})" if modules else "")
    raise CheckFailure(
        f"each block has no drop_shortcut{how}; GPTModel's TransformerBlock has a module "
        "self.drop_shortcut = nn.Dropout(cfg['drop_rate_shortcut']) used on both sub-layers' "
        "outputs: keep it as a module with that name, so that code that reads or changes "
        "block.drop_shortcut (its rate, train/eval) finds it")


def _only_stateless_moved(module, names):
    """True when every one of ``names`` is a sub-module and those that hold parameters or
    buffers come in the order of ``names``: only modules without state (dropouts) were created
    elsewhere, which changes neither the seeded weights nor the state_dict."""
    order = [n for n, _ in module.named_modules(remove_duplicate=False) if n in names]
    if sorted(order) != sorted(names) or order == names:
        return False
    def stateful(n):
        return bool(getattr(module, n).state_dict())
    return [n for n in order if stateful(n)] == [n for n in names if stateful(n)]


def _separate_dropout_case(impl, cfg, rates, idx):
    emb, attn, short = rates
    cfg = {k: v for k, v in cfg.items() if k != "drop_rate"}
    cfg.update(drop_rate_emb=emb, drop_rate_attn=attn, drop_rate_shortcut=short)
    torch.manual_seed(0)
    given = dict(cfg)
    model = _module(call_answer(impl, (given,), "GPTModelSeparateDropout(cfg)", hints=[(
        "'drop_rate'", "this config has no 'drop_rate': the three rates drop_rate_emb, "
        "drop_rate_attn and drop_rate_shortcut replace it, one for each place dropout is "
        "applied"), (f"num_heads={attn}", POSITIONAL_MHA), (
        f"dropout probability has to be between 0 and 1, but got {cfg['n_heads']}",
        POSITIONAL_MHA)]), "GPTModelSeparateDropout(cfg)")
    for name in ("tok_emb", "pos_emb", "drop_emb", "trf_blocks", "final_norm", "out_head"):
        if not hasattr(model, name):
            raise CheckFailure(f"the model has no {name!r}; keep GPTModel's attribute names")
    if not isinstance(model.trf_blocks, torch.nn.Module):
        raise CheckFailure(f"trf_blocks is a {type(model.trf_blocks).__name__}, not a module: "
                           "use nn.Sequential(*blocks) (or nn.ModuleList) so that the blocks' "
                           "parameters are registered, trained and saved")
    named = [n for n, _ in model.trf_blocks.named_children()]
    if named and named != [str(i) for i in range(len(named))]:  # OrderedDict, ModuleDict
        raise CheckFailure(
            f"trf_blocks ({type(model.trf_blocks).__name__}) names its blocks {named[:3]}"
            + (" ..." if len(named) > 3 else "") + f", so their state_dict keys are "
            f"trf_blocks.{named[0]}.att...; GPTModel's blocks are numbered (trf_blocks.0.att..."
            ", the keys GPT-2's weights are loaded into): pass the blocks to nn.Sequential("
            "*[...]) without names (no OrderedDict or ModuleDict), or use an nn.ModuleList")
    blocks = list(model.trf_blocks)
    if blocks and not hasattr(blocks[0], "drop_shortcut"):
        _no_drop_shortcut(impl, blocks[0])
    for where, module, names in [("the model", model, MODEL_ORDER)] + [
            ("each block", b, BLOCK_ORDER) for b in blocks[:1]]:
        _check_creation_order(module, names, f"{where} creates its sub-modules", "GPTModel")
    if getattr(model.out_head, "weight", None) is getattr(model.tok_emb, "weight", False):
        raise CheckFailure("out_head.weight and tok_emb.weight are one tensor (weight tying); "
                           "GPTModel keeps them separate: do not assign out_head.weight = "
                           "tok_emb.weight")
    n = cfg["n_layers"]
    try:
        got_rates = {"drop_emb": model.drop_emb.p,
                     "att.dropout": [b.att.dropout.p for b in model.trf_blocks],
                     "drop_shortcut": [b.drop_shortcut.p for b in model.trf_blocks]}
    except (AttributeError, TypeError) as err:
        raise CheckFailure(f"could not read the dropout rates ({err}): drop_emb and each "
                           "block's att.dropout and drop_shortcut must be nn.Dropout modules, "
                           "with the blocks in trf_blocks") from err
    want = {"drop_emb": emb, "att.dropout": [attn] * n, "drop_shortcut": [short] * n}
    if got_rates != want:
        names = {emb: "drop_rate_emb", attn: "drop_rate_attn", short: "drop_rate_shortcut"}
        probe = _probe_rates(impl, cfg)
        wrong = []
        for module, key in (("drop_emb", "drop_rate_emb"), ("att.dropout", "drop_rate_attn"),
                            ("drop_shortcut", "drop_rate_shortcut")):
            values = got_rates[module] if isinstance(got_rates[module], list) else [
                got_rates[module]]
            bad = [v for v in values if v != cfg[key]]
            if bad:
                wrong.append(f"{module} has p={bad[0]}"
                             + _rate_source(bad[0], names, probe, module)
                             + f"; it should be {key} ({cfg[key]})"
                             + _moved_rate(model, n, cfg[key], key, module))
        if len(values) != n:
            wrong.append(f"there are {len(values)} blocks, expected n_layers={n}")
        raise CheckFailure(f"dropout rates {got_rates}, expected {want}: " + "; ".join(wrong))
    _no_shared_modules(model, "the model")
    heads = [getattr(getattr(b, "att", None), "num_heads", None) for b in blocks]
    bad = [h for h in heads if type(h) is int and h != cfg["n_heads"]]
    if bad:
        E, H = cfg["emb_dim"], cfg["n_heads"]
        named = {E // H: "emb_dim // n_heads, one head's WIDTH (head_dim) passed as the number "
                 "of heads", cfg["n_layers"]: "n_layers", E: "emb_dim"}.get(bad[0])
        raise CheckFailure(f"your blocks have att.num_heads = {bad[0]}, expected cfg['n_heads'] "
                           f"= {H} (emb_dim {E})" + (f": {bad[0]} is {named}" if named else "")
                           + "; pass num_heads=cfg['n_heads'] to MultiHeadAttention")
    known = {"drop_emb"} | {f"trf_blocks.{i}.{m}" for i in range(n)
                            for m in ("att.dropout", "drop_shortcut")}
    extra = {name: m.p for name, m in model.named_modules()
             if isinstance(m, torch.nn.Dropout) and name not in known and m.p > 0}
    if extra:
        names = {emb: "drop_rate_emb", attn: "drop_rate_attn", short: "drop_rate_shortcut"}
        said = ", ".join(f"{k} (p={v}" + (f", {names[v]})" if v in names else ")")
                         for k, v in extra.items())
        raise CheckFailure(f"extra dropout modules {said}: GPTModel drops out only in drop_emb, "
                           "each block's att.dropout (the attention weights) and drop_shortcut "
                           "(used for both sub-layers' outputs)")
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    ref = GPTModel({**cfg, "drop_rate": 0.0})
    gen = torch.Generator().manual_seed(13)
    with torch.no_grad():  # distinct norms, so that swapped norms show; final_norm too, so
        # that its scale and shift count (at ones and zeros a second LayerNorm is invisible)
        for norm in [getattr(b, n, None) for b in blocks for n in ("norm1", "norm2")] + [
                getattr(model, "final_norm", None)]:
            if norm is not None:
                for p in (norm.parameters() if isinstance(norm, torch.nn.Module) else []):
                    p.add_(torch.rand(p.shape, generator=gen) - 0.5)
    try:
        ref.load_state_dict(model.state_dict())
    except RuntimeError as err:
        qkv = ("; query/key/value biases exist exactly when cfg['qkv_bias'] is True (here "
               f"{cfg['qkv_bias']}): pass qkv_bias=cfg['qkv_bias']"
               if ".W_" in str(err) and "bias" in str(err) and "size mismatch" not in str(err)
               else "")
        width = model.state_dict().get("trf_blocks.0.att.out_proj.bias", torch.zeros(0)).numel()
        if not qkv and width and width != cfg["emb_dim"] and all(
                ".att." in k for k, v in model.state_dict().items()
                if v.shape != ref.state_dict().get(k, v).shape):
            qkv = (f"; every block's MultiHeadAttention got d_out={width}" + _d_out_rule(
                lambda c: list(impl({**c, **PROBE_RATES}).trf_blocks)[0].att, width, cfg)
                + f": pass d_out=cfg['emb_dim'] ({cfg['emb_dim']}), the heads split it among "
                "themselves")
        qkv = qkv or _hard_coded(str(err).split("current model")[0]) or _state_hint(
            model.state_dict(), ref.state_dict(), cfg, dict(model.named_buffers()))
        raise CheckFailure(f"the state_dict does not match GPTModel's: "
                           f"{str(err)[:300].rstrip(' .,')}{qkv}") from err
    ref.drop_emb.p = emb
    for block in ref.trf_blocks:
        block.att.dropout.p, block.drop_shortcut.p = attn, short
    what = (f"an input of {idx.shape[1]} tokens (context_length {cfg['context_length']})")
    crash = "the positions are torch.arange(num_tokens), not the whole context"
    ids_as_pos = _ids_as_positions(model, idx)
    crash = ids_as_pos or crash
    if "'indices'" in _crash_text(model, idx):
        crash = ("an embedding got float indices: token ids and positions must be integers; "
                 "torch.arange(num_tokens, device=in_idx.device) gives int64 (no dtype=float)")
    elif f"({idx.shape[0]})" in _crash_text(model, idx):
        crash = ("the positions follow the batch size: in_idx is (batch, num_tokens), so "
                 "batch_size, seq_len = in_idx.shape and torch.arange(seq_len)")
    shape = (*idx.shape, cfg["vocab_size"])
    with torch.no_grad():
        model.eval()
        ref.eval()
        out = _forward(model, idx, what, crash)
        if isinstance(out, torch.Tensor) and tuple(out.shape) == (shape[0], shape[2]):
            full = ref(idx)  # GPTModel with your weights: which position's logits are they?
            at = [t for t in range(shape[1]) if torch.allclose(out, full[:, t], atol=1e-5)]
            if at:
                raise CheckFailure(
                    f"the logits have shape {tuple(out.shape)}, expected {shape}: they are "
                    f"the logits of position {at[-1]} alone"
                    + (" (the last token's, x[:, -1] before or after out_head)"
                       if at[-1] == shape[1] - 1 else "")
                    + ": forward returns the logits of every position, (batch, num_tokens, "
                    "vocab_size); picking the last one is the generation loop's step, "
                    "logits[:, -1, :]")
        got = _as_tensor(out, "the logits", shape)
        hint = ids_as_pos or likely_cause(got, _separate_mistakes(ref, idx), atol=1e-5) or (
            _random_in_eval(
            model, idx, got, "logits")) or (
            _token_contrast(got, ref(idx), "position 0 attends to itself only")
            + ", in eval mode (no dropout) with your weights loaded into GPTModel: apart from "
            "the dropout rates the model must compute what GPTModel computes (embeddings plus "
            "positions, the blocks, final_norm, out_head)" + _gpt_stage_hint(model, ref, idx))
        assert_close(got, ref(idx), what="the logits in eval mode", atol=1e-5, hint=hint)
        one = _forward(model, idx[:1, :1], "a batch of one single token", crash)
        want = (1, 1, cfg["vocab_size"])
        if isinstance(one, torch.Tensor) and tuple(one.shape) != want:
            fresh = impl(cfg)  # the same token first: does an earlier call change the result?
            fresh.load_state_dict(model.state_dict())
            first = call_answer(fresh.eval(), (idx[:1, :1],), "a new model on one token")
            if isinstance(first, torch.Tensor) and tuple(first.shape) == want:
                raise CheckFailure(
                    f"after an input of {idx.shape[1]} tokens, a batch of one single token gave "
                    f"logits of shape {tuple(one.shape)}, but a new model given that token "
                    f"first gives {want}: your model keeps something from its earlier call"
                    + (f" ({idx.shape[1]} positions, the earlier call's count: position ids "
                       "built once and reused?)" if one.dim() == 3 and one.shape[1] ==
                       idx.shape[1] else "")
                    + "; build everything from each call's input, e.g. torch.arange(seq_len, "
                    "device=in_idx.device)")
        _as_tensor(one, "the logits for a batch of one single token", want)
        again = _as_tensor(call_answer(model, (non_contiguous(idx),), "a non-contiguous batch "
                                       "of ids (a transposed copy)", [(
                                           VIEW_NEEDS_CONTIGUOUS[0], "in_idx.view(...) needs a "
                                           "contiguous tensor, and a transposed or sliced batch "
                                           "of ids is not one: use in_idx.reshape(...), or "
                                           "leave it alone (nn.Embedding takes any shape)")]),
                           "the logits for a non-contiguous batch of ids", shape)
        assert_close(again, ref(idx), what="the logits for a non-contiguous copy of the ids",
                     atol=1e-5, hint="the same ids laid out differently in memory give other "
                     "logits: do not rely on the memory layout of in_idx")
        ctx = cfg["context_length"]
        full = torch.randint(0, cfg["vocab_size"], (1, ctx),
                             generator=torch.Generator().manual_seed(12))
        what = f"one row of exactly context_length = {ctx} tokens"
        fits = (f"a sequence of exactly context_length tokens fits the model (positions 0 .. "
                f"{ctx - 1}, all rows of pos_emb): only a longer one may be refused, so a "
                "length test compares with >, not >=, and pos_emb keeps context_length rows")
        try:
            full_out = _as_tensor(call_answer(model, (full,), what, [(ValueError, fits),
                                                                     (IndexError, fits)]),
                                  f"the logits for {what}", (1, ctx, cfg["vocab_size"]))
            assert_close(full_out, ref(full), what=f"the logits for {what}", atol=1e-5)
        except CheckFailure as err:
            _fresh_model_state(impl, cfg, model, full, ref(full), what, err)
            raise
        _float64_logits(model, ref, idx, shape)
        model.train()
        ref.train()
        torch.manual_seed(21)
        ran = []
        hooks = [m.register_forward_hook(lambda *_, n=n: ran.append(n))
                 for n, m in model.named_modules() if isinstance(m, torch.nn.Dropout)]
        try:
            got = _as_tensor(_forward(model, idx, what, crash), "the logits", shape)
        finally:
            for h in hooks:
                h.remove()
        torch.manual_seed(21)
        expected = _gpt_forward(ref, idx)
        hint = likely_cause(got, _separate_mistakes(ref, idx, seed=21), atol=1e-5) or (
            _dropout_count_hint(ran)) or _dropout_place_hint(model, ref, idx) or (
            _own_dropout_hint(model)) or (
            "eval mode matched, but in training mode, under the same seed, your dropout masks "
            "differ from GPTModel's, and switching off any one kind of dropout (drop_emb, "
            "att.dropout or drop_shortcut) in both models does not make them agree: "
            "drop_emb after adding the embeddings, attention dropout on the attention weights, "
            "drop_shortcut on each sub-layer's output before the shortcut is added.")
        assert_close(got, expected, what=f"the logits in training mode (rates {rates}, same "
                     "seed as the reference)", atol=1e-5, hint=hint)
    _separate_dropout_contracts(model, idx, cfg, given, initial)


def _float64_logits(model, ref, idx, shape):
    """After ``.double()`` (eval mode) the logits must be float64 and equal GPTModel's; both
    models go back to float32 afterwards."""
    try:
        want = ref.double()(idx)
        got = _as_tensor(call_answer(model.double(), (idx,), "the model after .double()", [(
            "dtype", "forward changes the activations' dtype (x.float(), or a float32 tensor "
            "of your own?), so they no longer meet the float64 weights: keep the embeddings' "
            "dtype throughout, x = drop_emb(tok_emb(in_idx) + pos_emb(positions))")]),
            "the logits after .double()", shape)
        if got.dtype != torch.float64:
            raise CheckFailure(f"after model.double() the logits are {got.dtype}, not float64: "
                               "forward casts the activations (x.float()?); keep the "
                               "embeddings' dtype throughout")
        assert_close(got, want, what="the logits after model.double()", atol=1e-9,
                     hint="right in float32 but not in float64: forward loses precision (a "
                     "float32 cast or constant inside?); keep the embeddings' dtype throughout")
    finally:
        model.float()
        ref.float()


DROPOUT_PLACES = {
    "drop_emb": "drop_emb (the embedding dropout): apply it once, to tok_emb(in_idx) + "
                "pos_emb(positions), right before the first block",
    "att.dropout": "the attention dropout: pass drop_rate_attn to MultiHeadAttention as its "
                   "dropout and add no dropout of your own around att",
    "drop_shortcut": "drop_shortcut: apply it to each sub-layer's output, before the shortcut "
                     "is added, x + drop_shortcut(att(norm1(x)))",
}


def _relation_of(got, want, whole_only=False, dims=("batch", "tokens", "emb_dim")):
    """' (<how got relates to want>)' from describe_difference, else ''; with ``whole_only``
    only a relation of every value (a factor, a sign, an offset, a constant)."""
    if not (isinstance(got, torch.Tensor) and isinstance(want, torch.Tensor)):
        return ""
    said = describe_difference(got, want, dims=dims).removeprefix("What differs: ")
    if not said or whole_only and not said.startswith("every value"):
        return ""
    return f" ({said.rstrip('.')})"


def _gpt_stage_hint(model, ref, idx):
    """'; <the first stage that differs>' in eval mode: hooks record what enters the first
    block, what enters and leaves final_norm and out_head, compared with GPTModel's values."""
    blocks = list(getattr(model, "trf_blocks", []) or [])
    mods = {"block": blocks[0] if blocks else None, "norm": getattr(model, "final_norm", None),
            "head": getattr(model, "out_head", None)}
    if not all(isinstance(m, torch.nn.Module) for m in mods.values()):
        return ""
    seen = _record_io(mods, lambda: model(idx))
    if seen is None:
        return ""
    got = seen.pop("result")
    emb = ref.tok_emb(idx) + ref.pos_emb(torch.arange(idx.shape[1]))
    steps = [("block", 0, emb, "the input to trf_blocks[0] is not tok_emb(in_idx) + "
              "pos_emb(torch.arange(num_tokens))"),
             ("norm", 0, ref.trf_blocks(emb), "the first block gets the right input, but what "
              "reaches final_norm is not the last block's output (a block skipped, repeated, "
              "reordered or changed on the way?)")]
    ran = []
    hooks = [b.register_forward_pre_hook(lambda *_, i=i: ran.append(i))
             for i, b in enumerate(blocks)]
    try:
        with torch.no_grad():
            model(idx)
    except Exception:  # noqa: BLE001 - the order seen so far is the evidence
        pass
    finally:
        for h in hooks:
            h.remove()
    if ran != list(range(len(blocks))):
        steps[1] = (*steps[1][:3], f"the first block gets the right input, but the blocks ran "
                    f"in the order {ran}, expected {list(range(len(blocks)))}, each once: run "
                    "them in order, once per forward, x = self.trf_blocks(x)")
    elif "norm" in seen and isinstance(seen["norm"][0], torch.Tensor) and (
            seen["norm"][0].shape == emb.shape):
        extra, base = (seen["norm"][0] - steps[1][2]).double(), emb.double()
        r = ((extra * base).sum() / (base * base).sum().clamp(min=1e-30)).item()
        if abs(r) > 1e-3 and torch.allclose(extra, r * base, atol=1e-5):
            steps[1] = (*steps[1][:3], "the blocks run right, but final_norm gets the last "
                        f"block's output plus {r:.4g} times the input to trf_blocks: an extra "
                        "shortcut around the whole stack (x = self.trf_blocks(x) + x?); "
                        "GPTModel feeds final_norm the blocks' output alone")
        elif (inside := _first_block_hint(blocks, ref, emb)):
            steps[1] = (*steps[1][:3], inside)
        else:
            have, want = seen["norm"][0].detach(), steps[1][2]
            same = torch.isclose(have, want, atol=1e-5)
            cap = want[same].abs().max() if same.any() else None
            steps[1] = (*steps[1][:3], f"{steps[1][3]} Yours spans [{have.min():.4g}, "
                        f"{have.max():.4g}], the last block's output [{want.min():.4g}, "
                        f"{want.max():.4g}]" + (
                            f"; only the entries beyond +-{cap:.4g} differ: the values are "
                            "capped (a clamp?)" if cap is not None and not same.all()
                            and bool((want[~same].abs() > cap).all()) else "") + ". "
                        + describe_difference(have, want, dims=("batch", "tokens", "emb_dim")))
    for name, where, want, text in steps:
        if name not in seen or not (isinstance(seen[name][where], torch.Tensor) and
                                    torch.allclose(seen[name][where], want, atol=1e-5)):
            if name not in seen:
                return f"; {'trf_blocks[0]' if name == 'block' else 'final_norm'} never runs"
            rows = _position_rows_hint(ref, idx, seen[name][where]) if name == "block" else ""
            return f"; {text}{rows or _relation_of(seen[name][where], want)}"
    normed = ref.final_norm(seen["norm"][0])
    if "head" not in seen:
        return "; out_head never runs"
    if not torch.allclose(seen["head"][0], normed, atol=1e-5):
        return ("; the blocks' output is right, but out_head does not get final_norm's output"
                f"{_relation_of(seen['head'][0], normed)}: out_head(final_norm(x))")
    out = seen["head"][1]
    if isinstance(got, torch.Tensor) and got.shape == out.shape and not torch.allclose(
            got, out, atol=1e-5):
        said = _relation_of(got, out, dims=("batch", "tokens", "vocab"))
        return ("; out_head's output is right, but forward changes it before returning: the "
                f"logits are out_head's output as it is{said}")
    return ""


def _first_block_hint(blocks, ref, emb):
    """Which of the learner's blocks first computes something else than GPTModel's block with
    the same weights (each gets the right input), and whether its ``ff`` is the cause: its
    output on that block's norm2 output is compared with FeedForward's, and the usual
    feed-forward mistakes are replayed (torch's erf nn.GELU() for one). '' without evidence."""
    h = emb
    with torch.no_grad():
        for i, (mine, theirs) in enumerate(zip(blocks, ref.trf_blocks)):
            want = theirs(h)
            try:
                have = mine(h)
            except Exception:  # noqa: BLE001 - no evidence from this block
                return ""
            if isinstance(have, torch.Tensor) and have.shape == want.shape and torch.allclose(
                    have, want, atol=1e-5):
                h = want
                continue
            where = (f"the first block gets the right input, but trf_blocks[{i}] is the first "
                     "block whose output differs from GPTModel's TransformerBlock with the "
                     "same weights (given the same input)")
            ff, ref_ff = getattr(mine, "ff", None), theirs.ff
            if not isinstance(ff, torch.nn.Module):
                return where
            z = theirs.norm2(h + theirs.att(theirs.norm1(h)))  # what ff should receive
            try:
                f = ff(z)
            except Exception:  # noqa: BLE001 - no evidence from ff
                return where
            right = ref_ff(z)
            if not isinstance(f, torch.Tensor) or f.shape != right.shape or torch.allclose(
                    f, right, atol=1e-5):
                return where + ("; its ff computes what FeedForward computes, so the "
                                "difference is in how the block uses att, the norms and the "
                                "shortcuts" if isinstance(f, torch.Tensor) and
                                f.shape == right.shape else "")
            cause = likely_cause(f, _ff_mistakes(ref_ff, z), atol=1e-6)
            text = (f"{where}: its ff does not compute llmscratch's FeedForward (Linear -> "
                    "GELU -> Linear) with the same weights" + (
                        f": {cause}" if cause else _relation_of(f, right)))
            # compared again on 3 x norm2's output, where the hidden values reach |h| ~ 2 and
            # activations differ most (the erf GELU: 3.5e-4 there, 1.4e-4 at 1 x)
            try:
                wide = ff(3 * z)
            except Exception:  # noqa: BLE001 - the hint stands on the first comparison
                return text
            assert_close(wide, ref_ff(3 * z), what=f"trf_blocks[{i}].ff on 3 x the output of "
                         "norm2 (compared with FeedForward holding the same weights)",
                         atol=1e-5, hint=text)
            return text
    return ""


def _position_rows_hint(ref, idx, have):
    """': position t got pos_emb row r ...' when the first block's input is tok_emb(in_idx)
    plus whole rows of pos_emb (the same for every batch row) at other positions, else ''."""
    width = ref.pos_emb.weight.shape[1]
    if not isinstance(have, torch.Tensor) or have.shape != (*idx.shape, width):
        return ""
    tok = ref.tok_emb(idx)
    rest, table = (have - tok).double(), ref.pos_emb.weight.double()
    dist = torch.cdist(rest.reshape(-1, table.shape[1]), table).reshape(*idx.shape, -1)
    best = dist.argmin(-1)
    if not (torch.equal(best, best[:1].expand_as(best))
            and dist.min(-1).values.max().item() < 1e-4):
        pos = ref.pos_emb(torch.arange(idx.shape[1])).expand_as(have)
        for part, right, name, other in ((have - tok, pos, "the position part", "tok_emb(in_idx)"),
                                         (have - pos, tok, "the token part", "pos_emb(positions)")):
            said = _relation_of(part.detach(), right.detach(), whole_only=True)
            if said:
                return (f": {other} is added right, but {name} differs{said}; the first block "
                        "gets tok_emb(in_idx) + pos_emb(torch.arange(num_tokens)), neither part "
                        "scaled or shifted")
        return ""
    rows = best[0].tolist()
    return (f": after tok_emb(in_idx), positions 0..{idx.shape[1] - 1} got pos_emb rows {rows}, "
            f"expected {list(range(idx.shape[1]))} (torch.arange(num_tokens), counting up "
            "from 0)")


def _own_dropout_hint(model):
    """'...' naming the dropout modules that are not nn.Dropout (they draw other random
    numbers, so their masks cannot match GPTModel's under one seed), else ''."""
    own = [n for n in ["drop_emb"] + [f"trf_blocks.{i}.drop_shortcut"
                                      for i in range(len(getattr(model, "trf_blocks", [])))]
           if isinstance(_submodule(model, n), torch.nn.Module)
           and not isinstance(_submodule(model, n), torch.nn.Dropout)]
    if not own:
        return ""
    return (f"eval mode matched, but in training mode the masks differ, and {own[0]} is "
            f"{type(_submodule(model, own[0])).__name__}, a dropout of your own, not "
            "nn.Dropout: it draws other random numbers than nn.Dropout, so its masks cannot "
            "match GPTModel's under the same seed (the check compares them); use "
            "nn.Dropout(rate)")


def _submodule(model, name):
    """model.get_submodule(name), or None when there is no such module."""
    try:
        return model.get_submodule(name)
    except AttributeError:
        return None


def _dropout_place_hint(model, ref, idx, seed=21):
    """Which kind of dropout is misplaced: with that kind switched off (p = 0) in both models
    the training-mode logits agree under the same seed. None when no single kind explains it."""
    for kind, where in DROPOUT_PLACES.items():
        mine, theirs = copy.deepcopy(model), copy.deepcopy(ref)
        for m in (mine, theirs):
            for name, sub in m.named_modules():
                if isinstance(sub, torch.nn.Dropout) and name.endswith(kind):
                    sub.p = 0.0
        try:
            torch.manual_seed(seed)
            got = mine(idx)
        except Exception:  # noqa: BLE001 - no evidence either way
            return None
        torch.manual_seed(seed)
        if isinstance(got, torch.Tensor) and got.shape == (want := theirs(idx)).shape and (
                torch.allclose(got, want, atol=1e-5)):
            return (f"with {kind} switched off (p = 0) in both models, training mode matches "
                    f"under the same seed, so the difference is where or how {kind} is "
                    f"applied; the others are in place. Check {where}")
    return None


def _moved_rate(model, n, rate, key, module):
    """' (...)' when an extra Dropout module of the model carries the rate ``module`` lacks."""
    known = {"drop_emb"} | {f"trf_blocks.{i}.{m}" for i in range(n)
                            for m in ("att.dropout", "drop_shortcut")}
    moved = [name for name, m in model.named_modules()
             if isinstance(m, torch.nn.Dropout) and name not in known and m.p == rate]
    if not moved:
        return ""
    where = {"att.dropout": "inside MultiHeadAttention, on the attention weights (its dropout "
                            "argument)",
             "drop_emb": "on the sum of token and position embeddings (drop_emb)",
             "drop_shortcut": "in each block's drop_shortcut, on the sub-layers' outputs"}
    return (f" (your extra dropout {moved[0]} has {key}: that rate belongs {where[module]}, "
            "not in a module of your own)")


PROBE_RATES = {"drop_rate_emb": 0.13, "drop_rate_attn": 0.27, "drop_rate_shortcut": 0.41}


def _probe_rates(impl, cfg):
    """The first p of each dropout place for a model built with PROBE_RATES (None on a crash)."""
    try:
        torch.manual_seed(0)
        model = impl({**cfg, **PROBE_RATES})
        block = list(model.trf_blocks)[0]
        return {"drop_emb": model.drop_emb.p, "att.dropout": block.att.dropout.p,
                "drop_shortcut": block.drop_shortcut.p}
    except Exception:  # noqa: BLE001 - no evidence either way
        return None


def _rate_source(value, names, probe, module):
    """', which is <key>' for a wrong rate, confirmed by a model built with other rates; or
    the rate named as fixed when it stays the same whatever the config says."""
    if probe is None:
        return f", which is {names[value]}" if value in names else ""
    seen = probe[module]
    follows = [k for k, v in PROBE_RATES.items() if v == seen]
    if follows:
        return f", which is {follows[0]}"
    if seen == value:
        return (f" whatever rates the config holds (it stays {value} with rates "
                f"{tuple(PROBE_RATES.values())}): a fixed value"
                + (", 0.1 being GPT-2's drop_rate: a hard-coded 0.1 or cfg.get('drop_rate', 0.1)"
                   " reading the old key, which this config does not have"
                   if value == 0.1 else "") + ", not the config's rate")
    return ""


def _dropout_count_hint(ran):
    """A hint when a dropout module ran another number of times in one forward pass than in
    GPTModel: drop_emb once, each att.dropout once, each drop_shortcut twice."""
    for name in dict.fromkeys(ran):
        want = 2 if name.endswith("drop_shortcut") else 1 if name.endswith(
            ("drop_emb", "att.dropout")) else None
        if want is not None and ran.count(name) != want:
            return (f"{name} ran {ran.count(name)} times in one forward pass, GPTModel runs it "
                    f"{want} {'times' if want > 1 else 'time'}: " + (
                        "apply drop_shortcut exactly once to each sub-layer's output, before "
                        "its shortcut is added, and nowhere else (not on the block's output)"
                        if want == 2 else "apply it once, where GPTModel does"))
    return None


def _state_hint(got, want, cfg, buffers=()):
    """'; ...' naming the config key a wrong shape comes from, an extra bias, or an extra
    buffer (``buffers``: the names of the answer's buffers)."""
    sizes = {v: k for k, v in cfg.items() if type(v) is int}
    saved = [k for k in got if k not in want and k in buffers]
    if saved:
        return (f"; {', '.join(saved[:3])} {'is a buffer' if len(saved) == 1 else 'are buffers'}"
                " saved with the weights (register_buffer keeps it in the state_dict), and "
                "GPTModel saves no such entry, so GPT-2's weights would not load: register it "
                "with persistent=False, or make it in forward (positions as "
                "torch.arange(num_tokens, device=in_idx.device))")
    torch_norms = sorted(k[:-7] for k in got if k.endswith(".weight") and k not in want
                         and k[:-7] + ".scale" in want)
    if torch_norms:
        return (f"; {', '.join(torch_norms[:3])}{' ...' if len(torch_norms) > 3 else ''} are "
                "torch's nn.LayerNorm (weight, bias); GPTModel uses llmscratch's LayerNorm "
                "(scale, shift): import LayerNorm from llmscratch")
    for key, value in got.items():
        if key not in want:
            if key.endswith(".bias") and key[:-5] + ".weight" in want:
                return (f"; {key[:-5]} has a bias, GPTModel's has none: create it with "
                        "bias=False")
            continue
        have, need = tuple(value.shape), tuple(want[key].shape)
        for i, (a, b) in enumerate(zip(have, need)):
            if a != b and a in sizes and b in sizes:
                return (f"; {key} has {a} = cfg[{sizes[a]!r}] where GPTModel has {b} = "
                        f"cfg[{sizes[b]!r}] (dimension {i})")
    return ""


def _att_made_twice(cfg, initial):
    """Whether the first block's att weights (``initial``, made under seed 0) are those of a
    MultiHeadAttention made after the embeddings and a whole TransformerBlock: a block whose
    att was replaced once built. The global random state is left as it was."""
    E = cfg["emb_dim"]
    got = {k[len("trf_blocks.0.att."):]: v for k, v in initial.items()
           if k.startswith("trf_blocks.0.att.")}
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        torch.nn.Embedding(cfg["vocab_size"], E)
        torch.nn.Embedding(cfg["context_length"], E)
        llmscratch.TransformerBlock({**cfg, "drop_rate": 0.0})
        second = llmscratch.MultiHeadAttention(E, E, cfg["context_length"], 0.0, cfg["n_heads"],
                                               qkv_bias=cfg["qkv_bias"]).state_dict()
    return bool(got) and all(k in got and got[k].shape == v.shape and torch.equal(got[k], v)
                             for k, v in second.items())


def _model_extra_draw(cfg, initial, differ):
    """(what, where) when ``initial`` is GPTModel's seeded weights with one extra module made
    and thrown away before the module that holds ``differ[0]`` (in every block for a block's
    sub-module): replayed under the same seed 0, so the evidence is exact. None otherwise."""
    E, V, C, n = cfg["emb_dim"], cfg["vocab_size"], cfg["context_length"], cfg["n_layers"]
    block_cfg = {**cfg, "drop_rate": 0.0}
    def mha():
        return llmscratch.MultiHeadAttention(E, E, C, 0.0, cfg["n_heads"],
                                             qkv_bias=cfg["qkv_bias"])
    makers = [("tok_emb", lambda: torch.nn.Embedding(V, E)),
              ("pos_emb", lambda: torch.nn.Embedding(C, E))]
    for i in range(n):
        makers += [(f"trf_blocks.{i}.att", mha),
                   (f"trf_blocks.{i}.ff", lambda: FeedForward(block_cfg)),
                   (f"trf_blocks.{i}.norm1", lambda: llmscratch.LayerNorm(E)),
                   (f"trf_blocks.{i}.norm2", lambda: llmscratch.LayerNorm(E))]
    makers += [("final_norm", lambda: llmscratch.LayerNorm(E)),
               ("out_head", lambda: torch.nn.Linear(E, V, bias=False))]
    target = next((p for p, _ in makers if differ[0].startswith(p + ".")), None)
    if target is None:
        return None
    tail = target.split(".", 2)[-1] if target.startswith("trf_blocks.") else None
    def before(p):
        return p == target or tail is not None and p.startswith("trf_blocks.") and \
            p.split(".", 2)[-1] == tail
    extras = {"FeedForward(cfg)": lambda: FeedForward(block_cfg),
              "MultiHeadAttention(...)": mha,
              "TransformerBlock(cfg)": lambda: TransformerBlock(block_cfg)}
    for what, extra in extras.items():
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(0)
            state = {}
            for p, make in makers:
                if before(p):
                    extra()
                state.update({f"{p}.{k}": v for k, v in make().state_dict().items()})
        if state.keys() == initial.keys() and all(
                state[k].shape == v.shape and torch.equal(state[k], v)
                for k, v in initial.items()):
            return what, (f"{tail} (in every block" if tail else f"{target} (")
    return None


def _separate_dropout_contracts(model, idx, cfg, given, initial):
    """The config is left alone, the seeded weights are GPTModel's, and backward runs."""
    if given != cfg:
        changed = sorted(k for k in set(given) | set(cfg) if given.get(k, ...) != cfg.get(k, ...))
        raise CheckFailure(f"the model changed the cfg it was given in place (keys {changed}): "
                           "the "
                           "caller's config must stay as it was; build a copy for the blocks, "
                           "{**cfg, 'drop_rate': cfg['drop_rate_attn']}")
    padded = [n for n in ("tok_emb", "pos_emb")
              if getattr(getattr(model, n), "padding_idx", None) is not None]
    if padded:
        raise CheckFailure(f"{padded[0]} has padding_idx={getattr(model, padded[0]).padding_idx}"
                           ": GPTModel's embeddings have none (GPT-2 has no padding token; "
                           "padding_idx zeroes that row and stops its training)")
    torch.manual_seed(0)
    want = GPTModel({**cfg, "drop_rate": 0.0}).state_dict()
    differ = [k for k, v in initial.items() if not torch.equal(v, want[k])]
    if differ and same_under_two_seeds(lambda: type(model)(dict(cfg)).state_dict()):
        raise CheckFailure(f"under the same seed your initial weights differ from GPTModel's: "
                           f"{SEEDS_ITSELF}")
    blocks = [{k[len(f"trf_blocks.{i}."):]: v for k, v in initial.items()
               if k.startswith(f"trf_blocks.{i}.")} for i in range(cfg["n_layers"])]
    if differ and len(blocks) > 1 and blocks[0] and all(
            b.keys() == blocks[0].keys() and all(torch.equal(b[k], blocks[0][k]) for k in b)
            for b in blocks[1:]):
        raise CheckFailure(f"all {len(blocks)} blocks start with exactly the same weights, so "
                           "they are copies of one block (copy.deepcopy of a block, or one "
                           "block's state loaded into the others): create each block anew, "
                           "nn.Sequential(*[Block(cfg) for _ in range(cfg['n_layers'])]), so "
                           "that each draws its own random weights")
    if differ and _att_made_twice(cfg, initial):
        raise CheckFailure(f"under the same seed your initial weights differ from GPTModel's "
                           f"({', '.join(differ[:3])}): trf_blocks[0].att holds the weights of "
                           "a SECOND MultiHeadAttention, made after a whole block (a "
                           "TransformerBlock's own att replaced afterwards, block.att = "
                           "MultiHeadAttention(...)); the discarded att drew random numbers "
                           "first, so every later weight moves: create att once, with "
                           "dropout=cfg['drop_rate_attn'] (a block class of your own, or "
                           "TransformerBlock({**cfg, 'drop_rate': cfg['drop_rate_attn']}) with "
                           "its drop_shortcut rate set afterwards: nn.Dropout has no weights)")
    extra = _model_extra_draw(cfg, initial, differ) if differ else None
    if extra:
        what, where = extra
        raise CheckFailure(
            f"under the same seed your initial weights differ from GPTModel's from {differ[0]} "
            f"on: your code makes an extra {what} and throws it away just before creating "
            f"{where}{'; ' if where.endswith('block') else ''}to count its parameters?), "
            "and that draws random "
            "numbers, so every module after it gets other weights than the book's under "
            "torch.manual_seed: count with the modules the model keeps (self.trf_blocks[0]."
            "ff, ...), or outside __init__")
    if differ:
        raise CheckFailure(f"under the same seed your initial weights differ from GPTModel's "
                           f"({', '.join(differ[:3])}): keep PyTorch's default initialisation "
                           "(no nn.init calls, no self.apply(...)) and create the modules in "
                           "GPTModel's order, so that torch.manual_seed(123) gives the book's "
                           "weights")
    model.train()
    logits, switched_off = _run_noting_grad_off(model, lambda: model(idx))
    if isinstance(logits, torch.Tensor) and logits.grad_fn is None:
        cause = ("your modules ran with gradients switched off (torch.no_grad() or "
                 "torch.inference_mode() inside forward)" if switched_off else
                 "the logits are cut from the graph (.detach(), .data, or a copy)")
        raise CheckFailure(f"in training mode the logits have no gradient (grad_fn is None): "
                           f"{cause}, so training could never update the model; the values are "
                           "right: compute forward with gradients on")
    try:
        (logits * torch.linspace(-1, 1, cfg["vocab_size"])).sum().backward()
    except RuntimeError as err:
        if "inplace" not in str(err):
            raise
        raise CheckFailure("the backward pass failed: a tensor that autograd still needs was "
                           "changed in place (x += ... in the block); write x = x + "
                           "drop_shortcut(...)") from err
    dead = [n for n, p in model.named_parameters() if p.requires_grad and p.grad is None]
    if dead:
        raise CheckFailure(f"after a backward pass in training mode {', '.join(dead[:3])} got no "
                           "gradient (.grad is None), so training would never change it"
                           + _kept_output_hint(model, cfg, idx, dead[0]))


def _fresh_model_state(impl, cfg, model, idx, want, what, err):
    """Raise a state-kept message when a new model with ``model``'s weights gets ``idx`` right
    though ``model``, after earlier calls of other lengths, does not (``err``)."""
    try:
        fresh = impl(dict(cfg))
        fresh.load_state_dict(model.state_dict())
        with torch.no_grad():
            anew = fresh.eval()(idx)
    except Exception:  # noqa: BLE001 - no evidence either way: keep the first message
        return
    if isinstance(anew, torch.Tensor) and anew.shape == want.shape and torch.allclose(
            anew, want, atol=1e-5):
        raise CheckFailure(
            f"your model keeps state between forward calls: a new model with the same weights "
            f"gets {what} right, yours fails on it after earlier inputs of other lengths "
            "(position ids or embeddings built on the first call and reused?); build them from "
            f"each call's in_idx, torch.arange(seq_len, device=in_idx.device). ({err})") from err


def _kept_output_hint(model, cfg, idx, name):
    """Why parameter ``name`` got no gradient: its output kept from an earlier call (changing
    it leaves the logits alone, while a new model with the same weights follows the change),
    or cut from the graph."""
    param = dict(model.named_parameters())[name]
    model.eval()
    with torch.no_grad(), torch.random.fork_rng():
        before = model(idx)
        param.add_(1.0)
        try:
            after = model(idx)
            fresh = type(model)(dict(cfg)).eval()
            fresh.load_state_dict(model.state_dict())
            anew = fresh(idx)
        except Exception:  # noqa: BLE001 - no evidence either way: say what is known
            after = anew = None
        finally:
            param.sub_(1.0)
    if anew is not None and torch.equal(before, after) and not torch.allclose(anew, after):
        return (f": changing {name} leaves your logits as they were, while a new model with the "
                "same weights follows the change, so what it computes was kept from an earlier "
                "call (a tensor cached on the model, e.g. position embeddings stored per length) "
                "and reused, cut from the graph; compute it in every forward call")
    return (f": what {name} computes reaches the logits cut from the graph (.detach(), .data, "
            "torch.no_grad() around it) or not at all")


def _ids_as_positions(model, idx):
    """A hint when a spy on ``pos_emb`` sees indices of in_idx's shape that are not
    0..num_tokens-1 in every row (the token ids, or ids reduced modulo the context)."""
    if not isinstance(getattr(model, "pos_emb", None), torch.nn.Module):
        return None
    seen = []
    hook = model.pos_emb.register_forward_pre_hook(lambda _m, args: seen.append(args[0]))
    try:
        _crash_text(model, idx)
    finally:
        hook.remove()
    pos = seen[0] if seen and isinstance(seen[0], torch.Tensor) else None
    if (pos is None or pos.shape != idx.shape or pos.dtype != idx.dtype
            or torch.equal(pos, torch.arange(idx.shape[1]).expand_as(idx))):
        return None
    which = ("the token ids in_idx themselves" if torch.equal(pos, idx) else
             "values of in_idx's shape that are not 0, 1, ..., num_tokens - 1 in every row")
    return (f"pos_emb was given a {tuple(idx.shape)} tensor holding {which}: the positions "
            "are the places in the sequence, torch.arange(num_tokens, device=in_idx.device), "
            "whatever the tokens are")


def _crash_text(model, idx):
    """The error text of the model's forward pass on ``idx`` ("" when it runs)."""
    try:
        with torch.no_grad():
            model.eval()(idx)
    except Exception as err:  # noqa: BLE001 - only the text is used, for the hint
        return str(err)
    return ""


class _EmbeddingDevices(TorchFunctionMode):
    """Record every embedding lookup whose indices sit on another device than its weights."""

    def __init__(self):
        super().__init__()
        self.mismatched = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func is F.embedding and args[0].device != args[1].device:
            self.mismatched.append((str(args[0].device), str(args[1].device)))
        return func(*args, **(kwargs or {}))


def _separate_dropout_device(impl):
    """On a stand-in device ("meta"), the positions must follow in_idx to its device."""
    cfg = {k: v for k, v in CFG_B.items() if k != "drop_rate"}
    cfg.update(drop_rate_emb=0.1, drop_rate_attn=0.2, drop_rate_shortcut=0.3)
    model = _module(impl(dict(cfg)), "GPTModelSeparateDropout(cfg)").to("meta").eval()
    idx = torch.zeros(2, 5, dtype=torch.long, device="meta")
    with _EmbeddingDevices() as spy, torch.no_grad():
        try:
            model(idx)
        except Exception:  # some operations have no meta version: judge only what was seen
            pass
    if spy.mismatched:
        raise CheckFailure(f"with the model and in_idx on another device ({idx.device}) an "
                           f"embedding got {spy.mismatched[0][0]} indices: create the positions "
                           "on in_idx's device, torch.arange(num_tokens, device=in_idx.device)")


@one_thread
def check_separate_dropout(impl):
    cases = []
    for key, rates in (("A", (0.1, 0.2, 0.3)), ("B", (0.35, 0.05, 0.15))):
        batch, tokens = BATCH_TOKENS[key]
        cfg = CONFIGS[key]
        idx = torch.randint(0, cfg["vocab_size"], (batch, tokens),
                            generator=torch.Generator().manual_seed(3))
        cases.append((f"{_describe(cfg)}, rates (emb, attn, shortcut) = {rates}",
                      lambda a, cfg=cfg, rates=rates, idx=idx:
                      _separate_dropout_case(a, cfg, rates, idx)))
    cases.append(("the model and in_idx on the 'meta' device", _separate_dropout_device))
    cases.append(("a config that still holds the old drop_rate ({**GPT_CONFIG_124M, ...})",
                  _separate_dropout_stale_rate))
    cases.append(("a config with 32-wide heads (emb_dim 256, n_heads 8)",
                  _separate_dropout_heads))
    check_cases(state_probed(impl, cases, probe_first=False))


def _separate_dropout_stale_rate(impl):
    """A config made as {**GPT_CONFIG_124M, three rates} keeps the old drop_rate: the three
    rates replace it, so no dropout may follow it. The other cases' configs have no drop_rate
    (reading it fails there), so a cfg.get("drop_rate", ...) shows only here."""
    stale, rates = 0.45, {"drop_rate_emb": 0.1, "drop_rate_attn": 0.2, "drop_rate_shortcut": 0.3}
    cfg = {**CFG_A, "drop_rate": stale, **rates}
    try:
        with torch.random.fork_rng():
            model = impl(dict(cfg))
        block = list(model.trf_blocks)[0]
        got = {"drop_emb": model.drop_emb.p, "att.dropout": block.att.dropout.p,
               "drop_shortcut": block.drop_shortcut.p}
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 - the other cases report a crash or a missing module
        return
    keys = {"drop_emb": "drop_rate_emb", "att.dropout": "drop_rate_attn",
            "drop_shortcut": "drop_rate_shortcut"}
    wrong = [m for m, p in got.items() if p == stale]
    if wrong:
        raise CheckFailure(
            f"with a config that also holds the old drop_rate={stale} (as one made from "
            f"{{**GPT_CONFIG_124M, 'drop_rate_emb': ...}} does), {' and '.join(wrong)} "
            f"{'take' if len(wrong) > 1 else 'takes'} p={stale}, the old drop_rate: your code "
            "reads cfg['drop_rate'] when it is there (cfg.get('drop_rate', ...) or a fallback "
            "to it); the three rates replace it, so read only "
            + ", ".join(f"cfg[{keys[m]!r}] for {m}" for m in wrong))


def _separate_dropout_heads(impl):
    """Both test configs have 4-wide heads: a head count from emb_dim shows only here."""
    cfg = {k: v for k, v in HEADS_PROBE.items() if k != "drop_rate"}
    cfg.update(drop_rate_emb=0.1, drop_rate_attn=0.2, drop_rate_shortcut=0.3)
    try:
        with torch.random.fork_rng():
            model = impl(dict(cfg))
    except NotImplementedError:
        raise
    except Exception:  # noqa: BLE001 - the other cases report a crash
        return
    blocks = getattr(model, "trf_blocks", None)
    heads = [getattr(getattr(b, "att", None), "num_heads", None)
             for b in (blocks if isinstance(blocks, torch.nn.Module) else [])]
    wrong = [h for h in heads if type(h) is int and h != cfg["n_heads"]]
    if wrong:
        emb, probe = cfg["emb_dim"], wrong[0]
        rule = (f": that is emb_dim // {emb // probe}, a head width of {emb // probe} that the "
                "other configs happen to share" if probe and emb % probe == 0 else "")
        raise CheckFailure(f"with emb_dim={emb} and n_heads={cfg['n_heads']} your blocks have "
                           f"att.num_heads = {probe}{rule}; take the head count from the "
                           "config, num_heads=cfg['n_heads']")


# --- ex4_8: generation with cropping -------------------------------------------------------------


def _small_model(cfg=CFG_A, dtype=torch.float32, seed=5):
    torch.manual_seed(seed)
    return GPTModel(cfg).to(dtype).eval()


def _greedy(model, idx, new, context_size, crop="last", position=-1, softmax_dim=None,
            rows="each"):
    """Greedy decoding with a chosen cropping and logits position (the mistakes' reference)."""
    fixed = idx[:, -context_size:]
    for _ in range(new):
        if crop == "once":
            cond = fixed
        elif crop == "last":
            cond = idx[:, -context_size:]
        elif crop == "first":
            cond = idx[:, :context_size]
        elif crop == "one short":
            cond = idx[:, -(context_size - 1):]
        elif crop == "one long":
            cond = idx[:, -(context_size + 1):]
        elif crop == "negative":  # start = len - context_size, negative for a short idx
            cond = idx[:, idx.shape[1] - context_size:]
        elif crop == "shifted":  # the window without the newest token
            cond = idx[:, -context_size - 1:-1]
        elif crop == "wrong sign":  # start = context_size - len: the last len - context_size
            cond = idx[:, context_size - idx.shape[1]:] if idx.shape[1] > context_size else idx
        else:
            cond = idx[:, -model.pos_emb.num_embeddings:]
        with torch.no_grad():
            out = model(cond)
            # "vocab": logits[:, :, -1], the last vocabulary entry at every position
            last = out[:, :, -1] if position == "vocab" else out[:, position]
            if softmax_dim == "tokens":  # over the positions of the whole logits
                last = torch.softmax(out, dim=1)[:, position]
            elif softmax_dim is not None:
                last = torch.softmax(last, dim=softmax_dim)
            nxt = last.argmax(-1, keepdim=True)
            if rows == "first":  # row 0's choice appended to every row
                nxt = nxt[:1].expand(idx.shape[0], 1)
            elif rows == "mean":  # the argmax of the logits averaged over the batch
                nxt = last.mean(0).argmax(-1).expand(idx.shape[0], 1)
        idx = torch.cat([idx, nxt], dim=1)
    return idx


SECOND_LAST = ("you took the logits of the second-to-last position (logits[:, -2]); the next "
               "token comes from the last one, logits[:, -1, :]")
SHIFTED = ("the window leaves out the newest token (idx[:, -context_size - 1:-1]): keep the "
           "last context_size tokens including the newest, idx[:, -context_size:]")


def _second_last_or_shifted(impl, model, batch, new, context_size):
    """The two mistakes agree while the prompt fits in the window: try a longer prompt."""
    idx = torch.randint(0, model.tok_emb.num_embeddings, (batch, context_size + 3),
                        generator=torch.Generator().manual_seed(17))
    try:
        got = impl(model, idx.clone(), new, context_size)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not isinstance(got, torch.Tensor):
        return None
    for cause, kw in ((SECOND_LAST, dict(position=-2)), (SHIFTED, dict(crop="shifted"))):
        want = _greedy(model, idx, new, context_size, **kw)
        if got.shape == want.shape and torch.equal(got, want):
            return cause
    return None


ROW0 = ("every row got row 0's next token: the argmax was taken for the first row only "
        "(logits[0, -1]); take it for each row, logits[:, -1, :].argmax(dim=-1, keepdim=True)")
BATCH_MEAN = ("every row got the same token, the argmax of the last logits AVERAGED OVER THE "
              "BATCH (a mean or sum over dim 0): take each row's own argmax, "
              "logits[:, -1, :].argmax(dim=-1, keepdim=True)")


def _same_token_cause(impl, model, new, context_size):
    """ROW0 or BATCH_MEAN, whichever alone reproduces the answer on prompts where the two
    differ (a row-0 argmax and a batch mean agree whenever row 0 dominates the mean)."""
    for seed in range(40, 46):
        idx = torch.randint(0, model.tok_emb.num_embeddings, (3, 4),
                            generator=torch.Generator().manual_seed(seed))
        first, mean = (_greedy(model, idx, new, context_size, rows=r) for r in ("first", "mean"))
        if torch.equal(first, mean):
            continue
        try:
            got = impl(model, idx.clone(), new, context_size)
        except Exception:  # noqa: BLE001 - no evidence either way
            return None
        return (ROW0 if torch.equal(got, first) else BATCH_MEAN if torch.equal(got, mean)
                else None)
    return None


def _greedy_mistakes(model, idx, new, context_size):
    variants = {
        "you kept the first context_size tokens; keep the LAST ones: idx[:, -context_size:]":
            dict(crop="first"),
        "the window is one token short: idx[:, -context_size:] keeps exactly context_size":
            dict(crop="one short"),
        "the window is one token too long: idx[:, -context_size:] keeps exactly context_size, "
        "not context_size + 1": dict(crop="one long"),
        MODEL_CONTEXT: dict(crop="model"),
        "you took the logits of the FIRST position; the next token comes from the last, "
        "logits[:, -1, :]": dict(position=0),
        SECOND_LAST: dict(position=-2),
        SHIFTED: dict(crop="shifted"),
        "the logits are indexed as logits[:, :, -1], the LAST VOCABULARY ENTRY at every "
        "position, so the argmax picks a position, not a token; the last position's logits "
        "are logits[:, -1, :]": dict(position="vocab"),
        "the window starts at idx.shape[1] - context_size, which is negative while idx is "
        "shorter than context_size, and a negative start counts from the END (it keeps only "
        "the last context_size - len tokens): use idx[:, -context_size:], or clamp the start "
        "at 0": dict(crop="negative"),
        "the softmax runs over dim 0 (the batch), which mixes the rows; it is not needed for "
        "greedy decoding (argmax of the logits), and if used it goes over dim=-1":
            dict(softmax_dim=0),
        "the softmax runs over dim=1, the token positions of the whole (batch, num_tokens, "
        "vocab) logits, so each score is compared with the other positions' and the argmax "
        "changes; greedy decoding needs no softmax (argmax of logits[:, -1, :]), and if used "
        "it goes over the vocabulary, dim=-1": dict(softmax_dim="tokens"),
        "the window is cropped once, before the loop, so the model never sees the tokens you "
        "append: crop inside the loop, idx_cond = idx[:, -context_size:] at every step":
            dict(crop="once"),
        "the window start has the wrong sign: idx[:, context_size - len:] keeps the last "
        "len - context_size tokens, not the last context_size; use idx[:, -context_size:]":
            dict(crop="wrong sign"),
        ROW0: dict(rows="first"),
        BATCH_MEAN: dict(rows="mean"),
    }
    out = {}
    for cause, kw in variants.items():
        try:
            out[cause] = _greedy(model, idx, new, context_size, **kw).double()
        except (ValueError, RuntimeError, IndexError):
            continue  # this mistake would have crashed instead
    return out


CAT_ROWS = ("torch.cat joined along dim 0, the batch (its default when dim is not given), so "
            "the new ids were stacked as extra rows: append along the token dimension, "
            "torch.cat((idx, next_id), dim=1)")
CROPS_BATCH = ("the crop slices the BATCH dimension: idx[-context_size:] keeps the last "
               "context_size rows, which with fewer rows than context_size is all of them, so "
               "the tokens are never cropped; slice the tokens, idx[:, -context_size:]")
LOGITS_2D = ("The tensor indexed there has 2 dimensions, but the model returns 3, (batch, "
             "num_tokens, vocab_size), so an earlier index already dropped one: model(ids)[0] "
             "is the first ROW of the batch here (Hugging Face's outputs[0] is the logits, but "
             "GPTModel returns the logits tensor itself); use logits = model(ids), then "
             "logits[:, -1, :]")


def _logits_2d(err):
    """The message for indexing 2-D logits as 3-D, with the learner's line."""
    last = traceback.extract_tb(err.__traceback__)[-1]
    return (f"your code raised IndexError: {err} (line {last.lineno} of "
            f"{last.filename.rsplit('/', 1)[-1]}). {LOGITS_2D}")


MODEL_CONTEXT = ("the model saw more than context_size tokens (its whole context): crop to "
                 "idx[:, -context_size:] before every call")


def _crops_batch(impl, model, context_size):
    """True when ``impl`` crops rows, not tokens: a batch of context_size + 2 one-token rows
    reaches the model with context_size rows."""
    rows = []
    hook = model.register_forward_pre_hook(lambda _m, args: rows.append(args[0].shape[0]))
    try:
        impl(model, torch.zeros(context_size + 2, 1, dtype=torch.long), 1, context_size)
    except Exception:  # noqa: BLE001 - the rows seen so far are the evidence
        pass
    finally:
        hook.remove()
    return context_size in rows


def _past_vocab_hint(impl, model, idx, new, context_size):
    """Why the model got an id past its vocabulary: the ids fed are replayed. An id in the
    first window, or one past batch x vocab, cannot come from an argmax over the flattened
    logits; only then is that argmax named."""
    vocab, batch = model.tok_emb.num_embeddings, idx.shape[0]
    flat = (f"the model was fed a token id past the vocabulary ({vocab} ids): the argmax ran "
            "without dim=-1, so it indexed the flattened (batch x vocab) logits; take it per "
            "row over the vocabulary, logits[:, -1, :].argmax(dim=-1, keepdim=True)")
    fed = []
    hook = model.register_forward_pre_hook(lambda _m, args: fed.append(args[0].clone()))
    try:
        impl(model, idx.clone(), new, context_size)
    except Exception:  # noqa: BLE001 - the windows fed so far are the evidence
        pass
    finally:
        hook.remove()
    last = fed[-1] if fed and isinstance(fed[-1], torch.Tensor) else None
    if last is None or last.dim() != 2 or last.device.type == "meta":
        return flat
    bad = last[(last >= vocab) | (last < 0)]
    if not bad.numel() or (len(fed) > 1 and int(bad.max()) < batch * vocab and int(bad.min()) >= 0):
        return flat
    where = (f"the model was fed id {int(bad.max())}, past its vocabulary of {vocab} ids, in "
             f"window {len(fed)} (row 0 {last[0].tolist()}, prompt {idx.shape[1]}, "
             f"context_size {context_size}): ")
    padded = _padding_why(last, idx[:, -context_size:]) if len(fed) == 1 else None
    if padded:
        return where + padded
    return where + ("no argmax over the model's logits gives that id (" + (
        "it was in the first window, before any id was appended" if len(fed) == 1 else
        f"one over the flattened (batch x vocab) logits stays below {batch * vocab}")
        + "): an id your code adds itself (50256 is GPT-2's <|endoftext|>), while the model "
        "must see only idx[:, -context_size:] of the tokens so far")


def _generate_case(impl, model, length, batch, new, context_size, seed):
    vocab = model.tok_emb.num_embeddings
    idx = torch.randint(0, vocab, (batch, length), generator=torch.Generator().manual_seed(seed))
    expected = generate_text_simple(model, idx, new, context_size)
    try:
        got = impl(model, idx.clone(), new, context_size)
    except ValueError as err:
        cached = re.search(r"got (\d+) cached", str(err))
        if cached and int(cached.group(1)) > 0:
            model.reset_kv_cache()
            raise CheckFailure(f"the model refused its input ({err}): it already held "
                               f"{cached.group(1)} cached tokens, so forward was called with "
                               "use_cache=True, which stores every call's keys and values and "
                               "places new tokens after them; plain generation feeds the whole "
                               "window each step: call model(idx_cond) without use_cache") from err
        raise CheckFailure(f"the model refused its input ({err}): " + (
            CROPS_BATCH if _crops_batch(impl, model, context_size) else
            "crop to the last context_size tokens before each call, idx[:, -context_size:]")
        ) from err
    except IndexError as err:
        if "too many indices for tensor of dimension 2" in str(err):
            raise CheckFailure(_logits_2d(err)) from err
        bounds = re.search(r"index (-?\d+) is out of bounds for dimension 1 with size (\d+)",
                           str(err))
        if bounds:  # a position index past the window the model was fed
            raise CheckFailure(f"with a {length}-token prompt and context_size={context_size} "
                               f"your code raised IndexError ({err}): "
                               + _position_index_hint(impl, model, idx, new, context_size,
                                                      *map(int, bounds.groups()))) from err
        if "index out of range" not in str(err):
            raise
        raise CheckFailure(_past_vocab_hint(impl, model, idx, new, context_size)) from err
    except RuntimeError as err:
        if "converted to Scalar" in str(err):
            raise CheckFailure(f"with a batch of {batch} rows your code raised {err!r}: .item() "
                               "(or int(), float()) turned the next ids of all rows into one "
                               "number, which works only for a batch of one; keep them a "
                               "(batch, 1) tensor, logits[:, -1, :].argmax(dim=-1, keepdim=True)"
                               ", and append it with torch.cat(..., dim=1)") from err
        if not any(t in str(err) for t in ("Sizes of tensors must match",
                                            "must have same number of dimensions")):
            raise
        size = re.search(r"but got size (\d+)", str(err))
        rows = (f"your new ids have one entry per position ({size.group(1)}), not one per row:"
                " logits[-1] is the last ROW of the batch, (num_tokens, vocab); the last "
                "position of every row is logits[:, -1, :], then "
                if size and int(size.group(1)) == min(length, context_size) != batch else
                _one_row_ids(impl, model, idx, context_size)
                if size and int(size.group(1)) == 1 != batch else "")
        if "except in dimension 0" in str(err):
            raise CheckFailure(f"with a batch of {batch} rows, appending the new ids failed ("
                               f"{str(err)[:120]}): {CAT_ROWS}") from err
        one = not rows and "same number of dimensions" in str(err) and _batch_one_hint(
            lambda i: impl(model, i, new, context_size), idx)
        if one:
            raise CheckFailure(f"with a batch of 1 row, appending the new ids failed ("
                               f"{str(err)[:120]}): {one}the new ids must have shape "
                               "(batch, 1)") from err
        raise CheckFailure(f"with a batch of {batch} rows, appending the new ids failed ("
                           f"{str(err)[:120]}): {rows}the new ids must have shape (batch, 1), "
                           "one per row: take the argmax over the vocabulary, logits[:, -1, :]"
                           ".argmax(dim=-1, keepdim=True)") from err
    if isinstance(got, torch.Tensor) and got.is_floating_point():
        whole = got.shape == expected.shape and torch.equal(got, expected.to(got.dtype))
        raise CheckFailure(f"the returned ids are {got.dtype}, expected integer token ids "
                           "(torch.long): " + (
                               "the ids themselves are right, so the tensor they were written "
                               "into is float: a buffer from torch.empty/zeros takes the "
                               "default float32; give it dtype=idx.dtype (or append with "
                               "torch.cat)" if whole else
                               "take the argmax's indices, not the largest values "
                               "(torch.max(...).values gives the logit or probability itself)"))
    if isinstance(got, torch.Tensor) and not got.is_floating_point() and \
            got.dtype != idx.dtype:
        raise CheckFailure(f"the returned ids are {got.dtype}, but the prompt was {idx.dtype} "
                           "(torch.long): keep idx's dtype; do not cast the ids (.int(), "
                           ".to(torch.int32)), since nn.Embedding, one_hot and the loss "
                           "functions expect torch.long token ids")
    if (isinstance(got, torch.Tensor) and got.dim() == 2 and got.shape[0] == batch
            and got.shape[1] == new and torch.equal(got, expected[:, length:])):
        raise CheckFailure(f"you returned only the {new} new tokens; return the prompt "
                           "followed by them, shape (batch, num_tokens + max_new_tokens): "
                           "append each new id to idx and return idx")
    kept = min(length, context_size)
    if (isinstance(got, torch.Tensor) and got.dim() == 2
            and got.shape[0] == batch and got.shape[1] in (kept + new, context_size + 1,
                                                           context_size)
            and got.shape[1] < length + new):
        raise CheckFailure(f"you returned shape {tuple(got.shape)}, expected "
                           f"{tuple(expected.shape)}: you cropped idx itself; crop only the "
                           "model's input (idx_cond = idx[:, -context_size:]) and append to the "
                           "full idx")
    if (isinstance(got, torch.Tensor) and got.dim() == 2 and got.shape[0] == batch
            and abs(got.shape[1] - (length + new)) == 1):
        made = got.shape[1] - length
        raise CheckFailure(f"you appended {made} tokens, max_new_tokens is {new}: run the "
                           "loop exactly max_new_tokens times, for _ in range(max_new_tokens)")
    calls = (isinstance(got, torch.Tensor) and got.dim() == 2 and got.shape[0] == batch
             and got.shape[1] == length + 1 != length + new
             and _stops_after_one(impl, model, context_size))
    if calls == 4:
        raise CheckFailure(f"you appended 1 token, max_new_tokens is {new}; a 2-token prompt "
                           "with max_new_tokens=4 also gets just 1, though the model ran 4 "
                           "times, so the loop runs but idx never grows: the result of "
                           "torch.cat is not assigned back (out = torch.cat((idx, next_id), "
                           "dim=1) leaves idx as it was, and only the last step is returned); "
                           "write idx = torch.cat((idx, next_id), dim=1)")
    if calls:
        raise CheckFailure(f"you appended 1 token, max_new_tokens is {new}, and a 2-token "
                           "prompt with max_new_tokens=4 also gets just 1: the loop ends after "
                           "its first step; is `return idx` indented inside the for loop? "
                           "Return after the loop, once max_new_tokens ids are appended")
    full = (isinstance(got, torch.Tensor) and got.dim() == 2 and got.shape[0] == batch
            and got.shape[1] == max(length, context_size) < length + new
            and torch.equal(got, expected[:, :got.shape[1]])
            and _stops_when_full(impl, model, context_size))
    if full:
        raise CheckFailure(f"you returned {got.shape[1]} tokens per row for a {length}-token "
                           f"prompt, max_new_tokens={new} and context_size={context_size}, "
                           f"and a 2-token prompt with max_new_tokens={context_size + 2} also "
                           f"stops at {context_size} tokens: generation stops once the "
                           "sequence fills context_size; the window slides instead: append "
                           "all max_new_tokens ids and feed the model only the last "
                           "context_size tokens, idx[:, -context_size:]")
    if (isinstance(got, torch.Tensor) and got.dim() == 2 and got.shape[0] == batch
            and got.shape[1] == max(length, new) != length + new):
        raise CheckFailure(f"you returned {got.shape[1]} tokens per row for a {length}-token "
                           f"prompt and max_new_tokens={new}: max_new_tokens counts only the "
                           "NEW tokens, not the total length; append exactly max_new_tokens, "
                           "so the result has num_tokens + max_new_tokens")
    got = _as_tensor(got, "the returned ids", expected.shape)
    if not torch.equal(got[:, :length], idx):
        raise CheckFailure("the prompt must stay at the start of the returned ids" + (
            ", but it is at the end: you put each new id BEFORE idx; append it after, "
            "torch.cat((idx, next_id), dim=1)" if torch.equal(got[:, -length:], idx) else ""))
    if torch.equal(got, expected):
        return
    hint = likely_cause(got.double(), _greedy_mistakes(model, idx, new, context_size), atol=0.5)
    if hint == MODEL_CONTEXT and _crops_batch(impl, model, context_size):
        hint = CROPS_BATCH
    elif hint == MODEL_CONTEXT and length < context_size and _crops_long_prompt(
            impl, model, context_size):
        hint = (f"a prompt longer than context_size is cropped right, but this {length}-token "
                f"prompt grew past context_size={context_size} during generation and the "
                "model then saw the whole sequence: the crop was decided once (from the "
                "prompt's length, before the loop); crop inside the loop, idx_cond = "
                "idx[:, -context_size:] at every step")
    if hint in (ROW0, BATCH_MEAN):
        hint = _same_token_cause(impl, model, new, context_size) or (
            "every row got the same new token, though the rows' own argmaxes differ: take each "
            "row's argmax over the vocabulary, logits[:, -1, :].argmax(dim=-1, keepdim=True)")
    if hint in (SECOND_LAST, SHIFTED):
        hint = _second_last_or_shifted(impl, model, batch, new, context_size) or (
            "the next token came from the second-to-last position's logits: either logits[:, "
            "-2] or a window without the newest token (idx[:, -context_size - 1:-1]); take "
            "logits[:, -1, :] of idx[:, -context_size:]")
    if hint is None:  # sampling shows as an answer that changes with the seed
        again = [impl(model, idx.clone(), new, context_size) for _ in range(3)]
        if any(not (isinstance(a, torch.Tensor) and torch.equal(a, got)) for a in again):
            hint = ("your answer changes from call to call: you sampled the next token "
                    "(torch.multinomial); greedy decoding takes the argmax of the last logits")
    wrong = (got != expected).nonzero()[0].tolist()
    raise CheckFailure(f"token {wrong[1]} of row {wrong[0]} is {got[wrong[0], wrong[1]].item()}, "
                       f"expected {expected[wrong[0], wrong[1]].item()}: "
                       + (hint or _fed_windows_hint(impl, model, idx, new, context_size, got)
                          or _greedy_fallback(got, expected, length, context_size)))


def _crops_long_prompt(impl, model, context_size):
    """True when a prompt of context_size + 2 tokens, asked for 2 new ones, gets the greedy
    result: the answer crops a long prompt (so a missing crop shows only on a short one)."""
    idx = torch.arange(context_size + 2).remainder(model.tok_emb.num_embeddings)[None]
    try:
        out = impl(model, idx.clone(), 2, context_size)
    except Exception:  # noqa: BLE001 - no evidence either way
        return False
    return isinstance(out, torch.Tensor) and torch.equal(
        out, generate_text_simple(model, idx, 2, context_size))


def _stops_when_full(impl, model, context_size):
    """True when a 2-token prompt asked for context_size + 2 new tokens comes back with
    exactly context_size tokens: generation stops once the sequence fills the window."""
    idx = torch.zeros(1, 2, dtype=torch.long)
    try:
        out = impl(model, idx, context_size + 2, context_size)
    except Exception:  # noqa: BLE001 - no evidence either way
        return False
    return isinstance(out, torch.Tensor) and out.dim() == 2 and out.shape[1] == context_size


def _stops_after_one(impl, model, context_size):
    """How many times the model ran when a 2-token prompt asked for 4 new tokens came back with
    3 (one appended), else 0: one call is a loop that returns after one step (told apart from
    max_new_tokens taken as the total length), four calls a loop whose idx never grows."""
    idx = torch.tensor([[1, 2], [3, 4]])
    calls = []
    hook = model.register_forward_pre_hook(lambda *_: calls.append(1))
    try:
        got = impl(model, idx, 4, context_size)
    except Exception:  # noqa: BLE001 - no evidence either way
        return 0
    finally:
        hook.remove()
    return len(calls) if isinstance(got, torch.Tensor) and got.dim() == 2 and tuple(
        got.shape) == (2, 3) else 0


def _batch_one_hint(run, idx):
    """When appending fails for a batch of one, run the same call on two copies of the row: if
    that works, only a batch of one loses a dimension (a ``.squeeze()`` drops every size-1
    dimension, the batch's too). Returns the evidence and the likely cause, or ""."""
    if idx.shape[0] != 1:
        return ""
    try:
        run(idx.repeat(2, 1))  # (2, num_tokens)
    except Exception:  # noqa: BLE001 - no evidence either way
        return ""
    return ("the same call with these ids in a batch of 2 rows runs, so only a batch of 1 "
            "loses the batch dimension: a .squeeze() (it drops EVERY size-1 dimension, the "
            "batch's too) turns the new ids into shape () or (1,); keep the shape with "
            "argmax(dim=-1, keepdim=True), or squeeze a named dimension (.squeeze(-1)); ")


class _CatSpy(TorchFunctionMode):
    """Record the shapes of the tensors that every torch.cat joins."""

    def __init__(self):
        super().__init__()
        self.shapes = []
        self.joined = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func in (torch.cat, torch.concat, torch.concatenate) and args and isinstance(
                args[0], (list, tuple)):
            self.shapes.append([tuple(x.shape) for x in args[0] if isinstance(x, torch.Tensor)])
            self.joined.append([x.detach() for x in args[0] if isinstance(x, torch.Tensor)])
        return func(*args, **(kwargs or {}))

    def row0_only(self, right):
        """True when the first join appended one id, row 0's right id (``right``: one per row)
        but not every row's (so not a mere batch of equal ids)."""
        first = self.joined[0] if self.joined else []
        return (len(first) == 2 and first[1].numel() == 1 and right.numel() > 1
                and int(first[1].flatten()[0]) == int(right[0])
                and not bool((right == right[0]).all()))


def _one_row_ids(impl, model, idx, context_size):
    """'...; ' naming why the new ids had one row for a batch of several: one step on a batch
    of one tells the argmax over the batch from an unsqueeze(0) of the right argmax."""
    batch, length, vocab = idx.shape[0], idx.shape[1], model.tok_emb.num_embeddings
    try:
        one = impl(model, idx[:1].clone(), 1, context_size)
    except Exception:  # noqa: BLE001 - no evidence either way
        one = None
    seen = f"your new ids have 1 row where the batch has {batch}"
    spy = _CatSpy()
    try:
        with spy:
            impl(model, idx.clone(), 1, context_size)
    except Exception:  # noqa: BLE001 - the joins seen so far are the evidence
        pass
    new = [s[1] for s in spy.shapes if len(s) == 2 and s[0] == tuple(idx.shape)]
    if new and new[0] == (1, 1) and spy.row0_only(generate_text_simple(
            model, idx, 1, context_size)[:, -1]):
        return (f"{seen}: the new ids have shape (1, 1), and the one id is row 0's next token: "
                "your logits are those of the first ROW alone, (num_tokens, vocab); "
                "model(ids)[0] is row 0 here (Hugging Face's outputs[0] is the logits, but "
                "GPTModel returns the logits tensor itself), and so is logits[0]; ")
    if new and new[0] == (1, 1):
        return (f"{seen}: the new ids have shape (1, 1), ONE id for the whole batch (an argmax "
                "without dim=-1 over all the logits, .item() or .view(1, 1)); ")
    if isinstance(one, torch.Tensor) and one.dim() == 2 and one.shape[1] == length + vocab:
        return (f"{seen}, and on a batch of one a single step appended {vocab} ids, one per "
                "vocabulary entry: the argmax ran over dim=0 (the batch), not over the "
                "vocabulary; ")
    if isinstance(one, torch.Tensor) and torch.equal(
            one, generate_text_simple(model, idx[:1], 1, context_size)):
        return (f"{seen}, yet a batch of one works: the (batch,) argmax was turned into "
                "(1, batch) (unsqueeze(0) or [None]) instead of (batch, 1); ")
    return (f"{seen}: an argmax over dim=0 or an unsqueeze(0) gives a shape (1, ...); ")


def _position_index_hint(impl, model, idx, new, context_size, index, size):
    """Why the logits had no position ``index`` (of ``size``): the window fed at the failing step
    is replayed with a spy and compared with the last context_size tokens."""
    fed = []
    hook = model.register_forward_pre_hook(lambda _m, args: fed.append(args[0].shape[1]))
    try:
        impl(model, idx.clone(), new, context_size)
    except Exception:  # noqa: BLE001 - the windows seen so far are the evidence
        pass
    finally:
        hook.remove()
    length, step = idx.shape[1], len(fed)
    if not fed:  # raised before the model ran: the index went into idx itself
        return (f"the error came before the model ran, from indexing idx ({size} tokens) at "
                f"position {index}" + (": idx[:, -context_size] (no colon) picks ONE column, "
                                       "which a prompt shorter than context_size does not "
                                       "have; slice the last context_size tokens, "
                                       "idx[:, -context_size:]" if index == -context_size else
                                       ": crop with the slice idx[:, -context_size:]"))
    want = min(length + step - 1, context_size)
    if fed and fed[-1] == 0:
        return (f"at step {step} the model was fed an EMPTY window (0 tokens, expected the last "
                f"{want})" + (", which is idx[:, context_size:]: it drops the FIRST "
                              "context_size tokens and keeps the rest (nothing, for a prompt "
                              "shorter than context_size); keep the last ones, "
                              "idx[:, -context_size:] (note the minus)"
                              if length + step - 1 <= context_size else
                              ": crop with idx[:, -context_size:]"))
    if fed and fed[-1] == want and index == context_size - 1:
        return (f"the window had {size} tokens, as it should, but you took the logits at "
                f"position {index} = context_size - 1: a window is shorter than context_size "
                "while the sequence is short, so the last position is -1, logits[:, -1, :]")
    if fed and fed[-1] == want and index == length + step - 2:
        return (f"the window had {size} tokens, as it should, but you took the logits at "
                f"position {index} = idx.shape[1] - 1, the last position of the whole sequence;"
                " the logits cover only the cropped window, so take its last position, "
                "logits[:, -1, :]")
    if fed and fed[-1] == want:
        return (f"the window fed at step {step} was right ({want} tokens), so the logits had "
                f"positions 0 .. {size - 1}, but you indexed position {index}, "
                f"{index - size + 1} past the last one: a position computed from something "
                "other than the window (a size, context_size or a count); take the last "
                "position with logits[:, -1, :]")
    return (f"the logits had {size} positions and you indexed position {index}; the window "
            f"fed at step {step} had {fed[-1] if fed else 'no'} tokens, expected {want}: crop "
            "with idx[:, -context_size:] and take the last position with logits[:, -1, :]")


def _padding_why(ids, want):
    """Name a fed window that is the right one with copies of a single id put before or after
    it (padded up to context_size), or None."""
    extra = ids.shape[-1] - want.shape[-1]
    if ids.dim() != 2 or ids.shape[0] != want.shape[0] or extra <= 0:
        return None
    for side, pad, rest in (("before", ids[:, :extra], ids[:, extra:]),
                            ("after", ids[:, -extra:], ids[:, :-extra])):
        if torch.equal(rest, want) and bool((pad == pad.flatten()[0]).all()):
            return (f"that is the right window with {extra} copies of id "
                    f"{int(pad.flatten()[0])} put {side} it, padding it to {ids.shape[-1]} "
                    "tokens; do not pad: the model takes a window shorter than context_size "
                    "as it is" + (" (and with padding after it, the last position is a pad "
                                  "token's)" if side == "after" else "")
                    + ", so feed idx[:, -context_size:] unchanged")
    return None


def _fed_windows_hint(impl, model, idx, new, context_size, got):
    """Replay the answer with a spy on the model's input: name the first step whose window is
    not the last context_size tokens of the answer's own sequence, or, when every window is
    right, the first step whose appended token is not the argmax of the last logits."""
    fed = []
    hook = model.register_forward_pre_hook(lambda _m, args: fed.append(args[0].clone()))
    try:
        again = impl(model, idx.clone(), new, context_size)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    finally:
        hook.remove()
    if not (isinstance(again, torch.Tensor) and torch.equal(again, got)):
        return None
    length = idx.shape[1]
    if len(fed) != new:
        return (f"the model ran {len(fed)} times for max_new_tokens={new} (prompt {length}, "
                f"context_size {context_size}): greedy generation calls it exactly once per "
                "new token, on idx[:, -context_size:], and appends one id per call")
    for step, ids in enumerate(fed):
        want = got[:, :length + step][:, -context_size:]
        if ids.shape != want.shape or not torch.equal(ids, want):
            padded = _padding_why(ids, want)
            if padded:
                return (f"at step {step + 1} the model was fed {ids.shape[-1]} tokens, row 0 "
                        f"{ids[0].tolist()}, where the window is the last {want.shape[1]} "
                        f"tokens of idx, {want[0].tolist()} (prompt {length}, context_size "
                        f"{context_size}): {padded}")
            rows = idx.shape[0]  # idx[:, len(idx) - context_size:] at every step?
            by_len = all(torch.equal(f, got[:, :length + k][:, rows - context_size:])
                         for k, f in enumerate(fed) if f.shape[0] == rows)
            return (f"at step {step + 1} the model was fed {ids.shape[-1]} tokens, row 0 "
                    f"{ids[0].tolist()}, but the window is the last {want.shape[1]} tokens of "
                    f"idx, {want[0].tolist()} (prompt {length}, context_size {context_size})"
                    + (f"; every window you fed is idx[:, len(idx) - context_size:], and "
                       f"len(idx) of a 2-D tensor is its number of ROWS (the batch, {rows}), "
                       "not of tokens (idx.shape[1])" if by_len and rows != length + step
                       else "") + ": feed idx_cond = idx[:, -context_size:] of the tokens so "
                    "far")
        with torch.no_grad():
            logits = model(ids)
            best = logits[:, -1, :].argmax(-1)
        if not torch.equal(best, got[:, length + step]):
            why = _appended_why(logits, got[:, length + step])
            if why:
                return (f"the windows you fed are right, but at step {step + 1} you appended "
                        f"{got[:, length + step].tolist()} where the argmax of the last "
                        f"position's logits is {best.tolist()}: {why}")
            rank = _rank_why(logits, got[:, length + step])
            if "row order" not in rank:
                rank += _rows_mix(impl, model, idx, new, context_size)
            return (f"the windows you fed are right, but at step {step + 1} you appended "
                    f"{got[:, length + step].tolist()} where the argmax of the last position's "
                    f"logits is {best.tolist()} (one per row){rank}"
                    ": append logits[:, -1, :].argmax(dim=-1, keepdim=True)")
    return None


def _rows_mix(impl, model, idx, new, context_size):
    """'; ...' when row 0's tokens change with the other rows alone redrawn: the rows of a batch
    change each other's tokens, so something runs across the batch dimension."""
    if idx.shape[0] < 2:
        return ""
    other = idx.clone()
    other[1:] = torch.randint(0, model.tok_emb.num_embeddings, other[1:].shape,
                              generator=torch.Generator().manual_seed(23))
    try:
        outs = [impl(model, i.clone(), new, context_size) for i in (idx, other)]
    except Exception:  # noqa: BLE001 - no evidence either way
        return ""
    if not all(isinstance(o, torch.Tensor) and o.dim() == 2 for o in outs) or torch.equal(
            outs[0][0], outs[1][0]):
        return ""
    return ("; and row 0's new tokens change when only the OTHER rows of the batch are redrawn "
            "(row 0 kept as it was), so the rows change each other's choice: an operation runs "
            "over dim 0, the batch (a softmax, normalisation, mean or sort over dim=0); work on "
            "each row's own logits, over the vocabulary (dim=-1)")


def _appended_why(logits, chosen):
    """Name how ``chosen`` (one id per row) came from ``logits`` (batch, tokens, vocab) when it
    is not the argmax of the last position: a vocabulary one entry short, or another position
    or an average over positions."""
    vocab = logits.shape[-1]
    last = logits[:, -1, :]
    if torch.equal(last[:, :-1].argmax(-1), chosen) and bool((last.argmax(-1) == vocab - 1).any()):
        return (f"the right id is {vocab - 1}, the LAST vocabulary entry, which your argmax "
                "never reaches: it runs over logits[:, -1, :-1] (or vocab_size - 1 entries); "
                "take all of them, logits[:, -1, :].argmax(dim=-1, keepdim=True)")
    top = last.max(-1).values
    for cast in (torch.trunc, torch.round, torch.floor):  # .long(), round() or floor()
        if torch.equal(cast(top).long(), chosen.long()):
            shown = [round(v, 3) for v in top.tolist()]
            return (f"your ids are the largest logits themselves made integers ({shown} -> "
                    f"{chosen.tolist()}): you appended the VALUES (torch.max(...).values or "
                    "torch.topk(...).values), not their positions; take the index, "
                    "logits[:, -1, :].argmax(dim=-1, keepdim=True) (or .indices)")
    if torch.equal(logits.mean(dim=1).argmax(-1), chosen) or torch.equal(
            logits.sum(dim=1).argmax(-1), chosen):
        return ("your ids are the argmax of the logits averaged (or summed) over all positions; "
                "the next token comes from the LAST position alone, logits[:, -1, :]")
    for k in range(2, logits.shape[1]):
        if torch.equal(logits[:, -k:].sum(dim=1).argmax(-1), chosen):
            return (f"your ids are the argmax of the logits summed (or averaged) over the last "
                    f"{k} positions, logits[:, -{k}:].sum(dim=1); the next token comes from the "
                    "LAST position alone, logits[:, -1, :]")
    return None


def _rank_why(logits, chosen):
    """'; ...' placing each appended id among the last position's logits (1 = the largest)."""
    last = logits[:, -1, :]
    if chosen.numel() != last.shape[0] or not bool(
            ((chosen >= 0) & (chosen < last.shape[1])).all()):
        return ""
    ranks = [int((row > row[c]).sum()) + 1 for row, c in zip(last, chosen.tolist())]
    vocab = last.shape[1]
    mags, best = last.abs().argmax(-1), last.argmax(-1).tolist()
    mixed = len(best) > 1 and sorted(best) == sorted(chosen.tolist()) and len(
        set(best)) > 1  # the right ids, handed to the wrong rows
    if mixed:
        return (f"; your ids {chosen.tolist()} are the right ids {best} in another row order: "
                "each row got another row's next token (a transpose, flip or reordering of the "
                "batch between the argmax and torch.cat); keep row r's id in row r")
    offsets = {c - b for c, b in zip(chosen.tolist(), best)}
    shift = next(iter(offsets)) if len(offsets) == 1 and len(best) > 1 else 0
    if shift:
        return (f"; every id you appended is the right one {shift:+d} (yours {chosen.tolist()}, "
                f"the argmax {best}): the index is shifted after the argmax (a {shift:+d} on "
                "the id, or an argmax over a slice of the vocabulary such as logits[:, -1, 1:] "
                "whose start is not added back)")
    why = (": each is the logit of largest SIZE, |logit|: the argmax ran on logits.abs() (or "
           "their square), so a large negative logit wins; take the argmax of the signed "
           "logits" if torch.equal(mags, chosen.to(mags.dtype)) else
           ": the SMALLEST logit of every row, an argmin (or a negated score) where argmax "
           "belongs" if all(r == vocab for r in ranks) else
           ": the second largest of every row, so the largest one is skipped"
           if all(r == 2 for r in ranks) else
           ": some rows are right and others are not, so the logits were changed before the "
           "argmax in some rows only (a penalty on tokens already seen, a mask, a bias by "
           "id?); greedy takes the argmax of the unchanged logits"
           if 1 in ranks and len(set(ranks)) > 1 else "")
    return (f"; your ids rank {ranks} among their row's {vocab} last-position logits (1 = the "
            f"largest){why}")


def _greedy_fallback(got, expected, length, context_size):
    """What differs when no known mistake matches: which rows, which step, what the window was."""
    bad_rows = [r for r in range(got.shape[0]) if not torch.equal(got[r], expected[r])]
    first = min(int((got[r] != expected[r]).nonzero()[0]) for r in bad_rows) - length
    rows = (f"rows {bad_rows} differ and rows "
            f"{[r for r in range(got.shape[0]) if r not in bad_rows]} are right, so the rows "
            "are not treated alike: each row needs its own argmax over the vocabulary"
            if len(bad_rows) < got.shape[0] else "every row differs")
    seen = min(length + first, context_size)
    return (f"{rows}; the first wrong token is new token {first + 1}, chosen when the model "
            f"should have seen the last {seen} tokens (prompt {length}, context_size "
            f"{context_size}): feed idx[:, -context_size:] and take the argmax of the last "
            "position's logits, logits[:, -1, :]")


def _generation_contracts(run, model, what):
    """``run(model)`` must leave the model's mode and the random state alone and call the
    model without gradients."""
    grads = []
    hook = model.register_forward_pre_hook(lambda *_: grads.append(torch.is_grad_enabled()))
    model.train()  # drop_rate is 0.0: training mode changes nothing but the flag
    torch.manual_seed(987)  # a state no seed inside the answer is likely to recreate
    rng = torch.get_rng_state()
    model.requires_grad_(True)  # as built (earlier cases may have run the answer on it)
    try:
        run(model)
    finally:
        hook.remove()
        was_training = model.training
        model.eval()
        frozen = [name for name, p in model.named_parameters() if not p.requires_grad]
        model.requires_grad_(True)
    if frozen:
        raise CheckFailure(f"{what} changed requires_grad of {len(frozen)} of the model's "
                           f"parameters (e.g. {frozen[0]}) and left it so: "
                           "model.requires_grad_(False) freezes the weights for the caller, "
                           "and a later training step would not update them; switch "
                           "gradients off for the calls only, with torch.no_grad()")
    if any(grads):
        raise CheckFailure(f"{what} ran the model with gradients on ({sum(grads)} of "
                           f"{len(grads)} calls): wrap the model calls in torch.no_grad(); "
                           "generation needs no gradients, and each step would otherwise "
                           "build an autograd graph")
    if not was_training:
        raise CheckFailure(f"{what} switched the model to eval mode (model.eval()) and left it "
                           "there: the caller decides the mode (a training loop calls "
                           "model.eval() before generating and model.train() after), so do not "
                           "change it, or restore it before returning")
    if not torch.equal(rng, torch.get_rng_state()):
        raise CheckFailure(f"{what} changed the global random state (torch.manual_seed or a "
                           "random draw inside): greedy decoding draws no random numbers, and "
                           "a seed set here would repeat the caller's dropout masks; leave "
                           "seeding to the caller")
    model.eval()  # and a model given in eval mode must come back in eval mode
    run(model)
    if model.training:
        raise CheckFailure(f"{what} was given a model in eval mode and returned it in training "
                           "mode (model.train() at the end): the caller decides the mode, so "
                           "leave it alone, or restore the mode it had: was_training = "
                           "model.training before, model.train(was_training) after")


class _CountdownModel(torch.nn.Module):
    """A stand-in with GPT-2's vocabulary whose greedy next token is the last one minus 1
    (mod 50257): from the prompt [..., 2] it generates 1, 0, 50256 (<|endoftext|>), 50255..."""

    vocab = 50257

    def __init__(self):
        super().__init__()
        # an empty weight: code that reads the device of next(model.parameters()) runs as on a
        # real model
        self.anchor = torch.nn.Parameter(torch.zeros(0))

    def forward(self, idx):
        return F.one_hot((idx - 1) % self.vocab, self.vocab).float()  # (batch, tokens, vocab)


class _CountdownGPT(GPTModel):
    """A small GPTModel with GPT-2's vocabulary whose greedy tokens are _CountdownModel's: its
    key/value cache, positions and resets work as usual."""

    def __init__(self):
        torch.manual_seed(4)
        super().__init__({"vocab_size": 50257, "context_length": 8, "emb_dim": 4, "n_heads": 1,
                          "n_layers": 1, "drop_rate": 0.0, "qkv_bias": False})
        self.eval()

    def forward(self, in_idx, use_cache=False):
        return super().forward(in_idx, use_cache) + 1000 * _CountdownModel()(in_idx)


def _end_of_text_case(impl, model=_CountdownModel, name="generate_text_simple"):
    idx = torch.tensor([[7, 3, 2]])
    expected = generate_text_simple(model(), idx, 6, 4)
    got = _as_tensor(call_answer(impl, (model(), idx.clone(), 6, 4),
                                 f"{name} with GPT-2's vocabulary"),
                     "the returned ids")
    if got.dim() == 2 and got.shape[0] == 1 and got.shape[1] < expected.shape[1] and \
            torch.equal(got, expected[:, :got.shape[1]]):
        nxt = expected[0, got.shape[1]].item()
        raise CheckFailure(f"with a model whose greedy tokens after {idx.tolist()} are "
                           f"{expected[0, 3:].tolist()} you stopped after "
                           f"{got.shape[1] - 3} new tokens, at id {got[0, -1].item()}"
                           + (" (GPT-2's <|endoftext|>)" if got[0, -1] == 50256 else
                              f", where the next greedy id, {nxt}, repeats the id before it"
                              if nxt == got[0, -1] else "")
                           + ": append exactly max_new_tokens tokens; stopping at "
                           + ("an end-of-text id" if got[0, -1] == 50256 else
                              "a repeated token (a repetition guard)" if nxt == got[0, -1]
                              else "some id") + " is not part of this function")
    if not (got.shape == expected.shape and torch.equal(got, expected)):
        why = ""
        if got.dim() == 2 and got.shape == expected.shape:
            pos = int((got[0] != expected[0]).nonzero()[0])
            want = int(expected[0, pos])
            edge = {0: "id 0, the FIRST vocabulary entry",
                    50256: "id 50256, the LAST vocabulary entry"}.get(want)
            rounded = [n for n, t in (("float16", torch.float16), ("bfloat16", torch.bfloat16))
                       if int(torch.tensor(float(want)).to(t)) == int(got[0, pos])]
            if rounded:  # got differs from want, and is want rounded to half precision
                edge = None
                why = (f": new token {pos - idx.shape[1] + 1} is {int(got[0, pos])} where greedy "
                       f"decoding takes {want}, which {rounded[0]} rounds to "
                       f"{int(got[0, pos])}: the ids pass through {rounded[0]} (a buffer, a "
                       "cast or a division), which holds whole numbers exactly only up to "
                       f"{2048 if rounded[0] == 'float16' else 256}; keep the ids integers "
                       "(torch.long) from the argmax to torch.cat")
            wrapped = [(n, r) for n, t, r in (
                ("int16", torch.int16, "-32768 to 32767"), ("int8", torch.int8, "-128 to 127"),
                ("uint8", torch.uint8, "0 to 255")) if not rounded
                and int(torch.tensor(want).to(t)) == int(got[0, pos])]
            if wrapped:  # want cast to a narrow integer type wraps round to got
                edge = None
                why = (f": new token {pos - idx.shape[1] + 1} is {int(got[0, pos])} where greedy "
                       f"decoding takes {want}, which {wrapped[0][0]} wraps round to "
                       f"{int(got[0, pos])}: the ids pass through {wrapped[0][0]} (a cast or a "
                       f"buffer), which holds only {wrapped[0][1]}, and GPT-2's ids reach "
                       "50256; keep the ids torch.long from the argmax to torch.cat")
            if edge:
                why = (f": new token {pos - idx.shape[1] + 1} should be {edge}, the only "
                       f"nonzero logit of this stand-in model, and you appended "
                       f"{int(got[0, pos])}, so your argmax leaves that entry out (logits "
                       "sliced, e.g. logits[:, -1, 1:] or logits[:, -1, :-1], or an offset "
                       "added to the index?)")
            new = got[0, idx.shape[1] - 1:].tolist()
            if not why and model is _RepeatModel and all(a != b for a, b in zip(new, new[1:])):
                why = (": this stand-in's greedy token is always the last token again, and none "
                       "of your new tokens repeats the one before it: a rule against repeats "
                       "(the last token's logit set to -inf, a repetition penalty or a "
                       "no-repeat filter) is not greedy decoding; take the argmax of the last "
                       "position's logits as they are")
            if not why:  # the first wrong token, placed among the logits of its own window
                with torch.no_grad():
                    logits = model()(got[:, max(0, pos - 4):pos])
                why = (f": new token {pos - idx.shape[1] + 1} is {int(got[0, pos])}, where greedy "
                       f"decoding takes {want}, the argmax of that window's last logits"
                       + _rank_why(logits, got[:, pos]))
        raise CheckFailure(f"with GPT-2's 50257-token vocabulary you generated {got.tolist()}, "
                           f"greedy decoding gives {expected.tolist()}" + (why or (
                               ": take the argmax over the vocabulary of the last position's "
                               "logits, whatever its size")))


class _RepeatModel(_CountdownModel):
    """A stand-in whose greedy next token is the last one again: [7, 3, 2] goes on 2, 2, 2."""

    def forward(self, idx):
        return F.one_hot(idx % self.vocab, self.vocab).float()


def _zero_new_case(run, model, what):
    """``run(model, idx, 0)`` must give ``idx`` back: no token when none is asked for."""
    idx = torch.tensor([[7, 3, 2], [5, 1, 4]])
    got = _as_tensor(call_answer(run, (model, idx.clone(), 0), f"{what} with max_new_tokens=0"),
                     "the returned ids")
    if got.shape == idx.shape and torch.equal(got, idx):
        return
    extra = got.shape[1] - idx.shape[1] if got.dim() == 2 else None
    raise CheckFailure(f"with max_new_tokens=0, {what} returned shape {tuple(got.shape)} for a "
                       f"{tuple(idx.shape)} prompt" + (
                           f": {extra} new token{'s' * (extra > 1)} although none was asked "
                           "for, so a token is made outside the loop (the first one before it, "
                           "a do-while, with the loop running max_new_tokens - 1 times?); let "
                           "the loop run exactly max_new_tokens times, zero included"
                           if extra and extra > 0 and got.shape[0] == idx.shape[0] else
                           ": return the prompt itself, unchanged"))


class _NearTieModel(_CountdownModel):
    """The countdown stand-in with logits near 1000 that differ by 0.01: float32 tells them
    apart, bfloat16 and float16 (spacing 4 and 0.5 there) round them all to one value."""

    def forward(self, idx):
        return super().forward(idx) * 0.01 + 1000.0


class _NearTie64Model(_CountdownModel):
    """The countdown stand-in with float64 logits near 1000 that differ by 1e-6: float64 tells
    them apart, float32 (spacing 6e-5 there) rounds them all to one value."""

    def forward(self, idx):
        return super().forward(idx).double() * 1e-6 + 1000.0


def _near_tie_case(impl):
    idx = torch.tensor([[7, 3, 9]])
    expected = generate_text_simple(_NearTieModel(), idx, 3, 4)
    got = _as_tensor(call_answer(impl, (_NearTieModel(), idx.clone(), 3, 4),
                                 "generate_text_simple on logits near 1000"), "the returned ids")
    if got.shape == expected.shape and torch.equal(got, expected):
        expected = generate_text_simple(_NearTie64Model(), idx, 3, 4)
        got = _as_tensor(call_answer(impl, (_NearTie64Model(), idx.clone(), 3, 4),
                                     "generate_text_simple on float64 logits near 1000"),
                         "the returned ids")
        if got.shape == expected.shape and torch.equal(got, expected):
            return
        first = got.dim() == 2 and got.shape == expected.shape and not bool(got[0, 3:].any())
        low = torch.tensor([[1000.0, 1000.000001]], dtype=torch.float64).float().argmax(-1)
        raise CheckFailure(f"with a stand-in model whose last logits are float64, all 1000.0 "
                           f"except the greedy token's 1000.000001, you generated "
                           f"{got.tolist()}, expected {expected.tolist()}" + (
                               ": your ids are 0, the FIRST of the entries: the logits were "
                               "cast to float32 before the argmax (.float() rounds 1000.0 and "
                               "1000.000001 to one value, and the argmax of a tie is the first "
                               "index); take the argmax of the logits in the model's own dtype"
                               if first and low.item() == 0 else
                               ": take the argmax of the last position's logits as they are"))
    low = [torch.tensor([[1000.0, 1000.01]]).to(t).argmax(-1).item() for t in
           (torch.bfloat16, torch.float16)]
    raise CheckFailure(f"with a stand-in model whose last logits are all 1000.0 except the "
                       f"greedy token's 1000.01, you generated {got.tolist()}, expected "
                       f"{expected.tolist()}" + (
                           ": your ids are 0, the FIRST of the entries: the logits lost "
                           "precision before the argmax (a cast to bfloat16 or float16 rounds "
                           "1000.0 and 1000.01 to one value, and the argmax of a tie is the "
                           "first index); take the argmax of the float32 logits"
                           if low == [0, 0] and got.dim() == 2 and got.shape == expected.shape
                           and not bool(got[0, 3:].any()) else
                           ": take the argmax of the last position's logits as they are"))


def _second_call_case(impl, model):
    """Two calls with prompts of one shape, then the second prompt with another model: nothing
    may carry over from an earlier call."""
    gen = torch.Generator().manual_seed(31)
    first, second = (torch.randint(0, model.tok_emb.num_embeddings, (2, 4), generator=gen)
                     for _ in range(2))
    impl(model, first.clone(), 3, 6)
    got = _as_tensor(impl(model, second.clone(), 3, 6), "the second call's ids", (2, 7))
    if torch.equal(got, generate_text_simple(model, second, 3, 6)):
        other = _small_model(CFG_A, seed=8)  # same sizes, other weights, other greedy ids
        got = _as_tensor(impl(other, second.clone(), 3, 6), "the third call's ids", (2, 7))
        if torch.equal(got, generate_text_simple(other, second, 3, 6)):
            return
        raise CheckFailure(
            "the same prompt given to a second model of the same sizes but other weights "
            + ("gave the FIRST model's ids: your function keeps results between calls keyed "
               "by the prompt (a cache, a global or a mutable default argument), but the "
               "model is part of the input too; compute from each call's own model and idx"
               if torch.equal(got, generate_text_simple(model, second, 3, 6)) else
               f"gave {got.tolist()}, expected "
               f"{generate_text_simple(other, second, 3, 6).tolist()}: something from the "
               "earlier calls carries over; keep no state between calls"))
    stale = torch.equal(got, generate_text_simple(model, first, 3, 6))
    raise CheckFailure("a second call with another prompt of the same shape (2, 4) gave "
                       + ("the FIRST call's result: your function keeps results between calls"
                          " (a cache, a global or a mutable default argument); compute from "
                          "each call's own idx" if stale else
                          f"{got.tolist()}, expected "
                          f"{generate_text_simple(model, second, 3, 6).tolist()}: something "
                          "from the first call carries over; keep no state between calls"))


class _MetaSpy(TorchFunctionMode):
    """On a stand-in device ("meta"), record the calls that make CPU tensors; values read out
    of a meta tensor (``.tolist()``, ``.item()``) come back as zeros, so the answer runs on."""

    def __init__(self):
        super().__init__()
        self.made, self.read = [], []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        name = getattr(func, "__name__", "")
        if name in ("tolist", "item") and args and getattr(args[0], "is_meta", False):
            self.read.append(name)
            return getattr(torch.zeros(args[0].shape, dtype=args[0].dtype), name)()
        out = func(*args, **(kwargs or {}))
        if isinstance(out, torch.Tensor) and out.device.type == "cpu":
            self.made.append(name)
        return out


def _device_case(run, what):
    """The model and ``idx`` on a stand-in device ("meta", as a GPU would be): the ids must stay
    there. Crashes without a CPU tensor or a value read out are not judged (some operations
    have no meta version)."""
    with torch.random.fork_rng():
        model = _small_model(CFG_A).to("meta")
    idx = torch.zeros(2, 5, dtype=torch.long, device="meta")
    out = err = None
    with _MetaSpy() as spy:
        try:
            out = run(model, idx)
        except Exception as e:  # noqa: BLE001 - judged below from what the spy saw
            if raised_not_implemented(e):
                raise  # the stub's own TODO: not attempted, not a device question
            err = e
    off = tensors_not_on(out, idx.device, "the returned ids")
    if isinstance(out, torch.Tensor) and not off:
        return
    if err is not None and not spy.made and not spy.read:
        return
    got = (f"returned ids not on idx's device ({off[0]})" if isinstance(out, torch.Tensor) else
           f"raised {type(err).__name__}: {str(err)[:90]}" if err is not None else
           f"returned a {type(out).__name__}")
    made = list(dict.fromkeys(spy.made))
    read = list(dict.fromkeys(spy.read))
    cause = (f"torch.{made[0]}(...) made a tensor on the CPU, whatever idx's device; pass "
             "device=idx.device where you make a tensor" if made else
             "no tensor of yours is on idx's device")
    if read:
        cause += (f" (the ids were read out to Python with .{read[0]}() and turned back into a "
                  "tensor: keep them as tensors, argmax(..., keepdim=True) and torch.cat)")
    raise CheckFailure(f"with the model and idx on another device (meta, standing in for a "
                       f"GPU), {what} {got}: {cause}")


@one_thread
def check_generate_with_cropping(impl):
    model_a, model_b = _small_model(CFG_A), _small_model(CFG_B, seed=6)
    cases = [  # (model, prompt length, batch, new tokens, context_size)
        (model_a, 5, 3, 6, 12),
        (model_a, 10, 3, 5, 6),  # the window (6) is smaller than the prompt
        (model_a, 20, 1, 4, 12),  # the prompt is longer than the model's context
        (model_b, 7, 2, 6, 5),
    ]
    prompt = torch.tensor([[1, 2, 3, 4, 5, 6, 7, 8]])
    check_cases(state_probed(impl, probe_first=False, cases=[
        (f"a prompt of {n} tokens, batch {b}, {new} new, context_size={c}",
         lambda a, m=m, n=n, b=b, new=new, c=c, s=i: _generate_case(a, m, n, b, new, c, seed=s))
        for i, (m, n, b, new, c) in enumerate(cases)]
        + [("later calls: another prompt of the same shape, then another model",
            lambda a: _second_call_case(a, model_a))]
        + [("a model with GPT-2's vocabulary", _end_of_text_case)]
        + [("a model whose greedy token repeats the last one",
            lambda a: _end_of_text_case(a, _RepeatModel))]
        + [("max_new_tokens=0", lambda a: _zero_new_case(
            lambda m, idx, n: a(m, idx, n, 4), _CountdownModel(), "generate_text_simple"))]
        + [("logits that differ by 0.01 (float32) or 1e-6 (float64) near 1000",
           _near_tie_case)]
        + [("a prompt of 4 tokens, batch 2, 8 new, context_size=7 (it grows past the window)",
            lambda a: _generate_case(a, model_a, 4, 2, 8, 7, seed=len(cases)))]
        + [("side effects: mode, gradients, random state", lambda a: _generation_contracts(
            lambda m: a(m, prompt.clone(), 3, 6), model_a, "generate_text_simple"))]
        + [("a model and prompt on another device", lambda a: _device_case(
            lambda m, idx: a(m, idx, 3, 6), "generate_text_simple"))]
        + [("the arguments passed by name", lambda a: _generate_by_name(a, model_a))]))


def _generate_by_name(impl, model):
    """generate_text_simple(model=..., idx=..., max_new_tokens=..., context_size=...): the
    book calls it with every argument by name (chapter 5), so a renamed parameter (a
    ``context_length`` from the config's key, a ``max_tokens``) fails there."""
    idx = torch.randint(0, model.tok_emb.num_embeddings, (2, 9),
                        generator=torch.Generator().manual_seed(48))
    what = ("generate_text_simple(model=model, idx=idx, max_new_tokens=4, context_size=6) "
            "(passed by name, as chapter 5 calls it)")
    got = call_by_name(impl, what, "def generate_text_simple(model, idx, max_new_tokens, "
                       "context_size)", model=model, idx=idx.clone(), max_new_tokens=4,
                       context_size=6)
    want = generate_text_simple(model, idx, 4, 6)
    got = _as_tensor(got, what, tuple(want.shape))
    if not torch.equal(got, want):
        raise CheckFailure(f"{what}: gave {got.tolist()}, expected {want.tolist()} (called by "
                           "position, your function gives the right ids: does a parameter "
                           "take another's value when they come by name?)")


# --- ex4_9: generation with a KV cache -----------------------------------------------------------


def _call(fn, *args, hint):
    """Run the learner's code; turn a refusal of our model into a message with ``hint``."""
    try:
        got = fn(*args)
    except ValueError as err:
        held = re.search(r"cache holds a batch of (\d+) but x has batch size (\d+)", str(err))
        if held and int(held.group(2)) == args[1].shape[0]:  # the right rows: a stale cache
            hint = (f"the ids fed have the right {held.group(2)} rows, but a cache still held "
                    f"a batch of {held.group(1)} from an earlier call: not every block's cache "
                    "was emptied (one block's att.reset_cache() alone?); call "
                    "model.reset_kv_cache(), which empties every block and sets current_pos "
                    "to 0")
        elif held:
            hint = ("the new token went in with the wrong shape: feed it as (batch, 1), one "
                    "id per row, next_id = logits[:, -1].argmax(dim=-1, keepdim=True) (not "
                    "transposed or flattened)")
        raise CheckFailure(f"the model refused its input ({err}); {hint}") from err
    except IndexError as err:
        bounds = re.search(r"index (-?\d+) is out of bounds for dimension 1 with size (\d+)",
                           str(err))
        last = traceback.extract_tb(err.__traceback__)[-1]
        if bounds and "logits" in (last.line or ""):
            index, size = map(int, bounds.groups())
            length = args[1].shape[1]
            said = (f" = idx.shape[1] - 1 for the {length}-token prompt" if index == length - 1
                    else "")
            raise CheckFailure(
                f"your code raised IndexError: {err} (line {last.lineno} of "
                f"{last.filename.rsplit('/', 1)[-1]}): the logits had {size} positions and you "
                f"indexed position {index}{said}; a call's logits cover only the tokens fed in "
                "THAT call (the cropped window, or the one new token with the cache), not the "
                "whole sequence: take the last position, logits[:, -1]") from err
        if "too many indices for tensor of dimension 2" not in str(err):
            raise
        raise CheckFailure(_logits_2d(err)) from err
    except AttributeError as err:
        if "GPTModel" not in str(err):
            raise
        raise CheckFailure(f"your code read an attribute GPTModel does not have ({err}): the "
                           "model's context, for context_size=None, is "
                           "model.pos_emb.num_embeddings") from err
    except TypeError as err:
        unresolved = _none_unresolved_hint(fn, args, err)
        if not unresolved:
            raise
        raise CheckFailure(unresolved) from err
    except RuntimeError as err:
        one = "same number of dimensions" in str(err) and _batch_one_hint(
            lambda i: fn(args[0], i, *args[2:]), args[1])
        if one:
            raise CheckFailure(f"with a batch of 1 row, appending the new ids failed ("
                               f"{str(err)[:120]}): {one}the new ids must have shape "
                               "(batch, 1)") from err
        if "Sizes of tensors must match" not in str(err):
            raise
        raise CheckFailure(f"with a batch of {args[1].shape[0]} rows, appending the new ids "
                           f"failed ({str(err)[:120]}): "
                           + (CAT_ROWS if "except in dimension 0" in str(err) else
                              "the new ids must have shape (batch, 1), one per row: "
                              "logits[:, -1].argmax(dim=-1, keepdim=True)")) from err
    got = _as_tensor(got, "the returned ids")
    if got.is_floating_point():
        raise CheckFailure(f"the returned ids are {got.dtype}, expected integer token ids "
                           "(torch.long): append the argmax's indices")
    return got


def _none_unresolved_hint(fn, args, err):
    """A TypeError with context_size=None that the same call with the model's context given
    explicitly does not raise: None reached the slicing unresolved on that path (resolved in
    the other branch only, or not at all). "" when the evidence does not show it."""
    model, idx = args[0], args[1]
    if len(args) > 3 and args[3] is not None or "NoneType" not in str(err):
        return ""
    context = getattr(getattr(model, "pos_emb", None), "num_embeddings", None)
    if not isinstance(context, int) or not isinstance(idx, torch.Tensor):
        return ""
    use_cache = args[4] if len(args) > 4 else True
    try:
        fn(model, idx.clone(), args[2], context, *args[4:])
    except Exception:  # noqa: BLE001 - it fails for another reason too: no evidence
        return ""
    last = traceback.extract_tb(err.__traceback__)[-1]
    other = "use_cache=True" if use_cache is False else "use_cache=False"
    return (f"with context_size=None (the default) and use_cache={use_cache} your code raised "
            f"TypeError: {err} (line {last.lineno} of {last.filename.rsplit('/', 1)[-1]}), yet "
            f"with context_size={context} passed explicitly the same call runs: None reached "
            f"the code of the use_cache={use_cache} path unresolved (resolved only for "
            f"{other}, or not at all); resolve it first, if context_size is None: "
            "context_size = model.pos_emb.num_embeddings, before choosing between the two "
            "paths")


def _same_with_context(impl, model, idx, context, expected):
    """Whether passing the model's context explicitly gives ``expected``."""
    try:
        return torch.equal(_call(impl, model, idx.clone(), 15, context, hint=""), expected)
    except (CheckFailure, RuntimeError, ValueError, IndexError):
        return False


NONE_PROBE = {"vocab_size": 30, "context_length": 40, "emb_dim": 8, "n_heads": 2,
              "n_layers": 1, "drop_rate": 0.0, "qkv_bias": False}  # emb < vocab < context


def _first_wrong_token_hint(model, got, expected, start):
    """' (new token k ...)': the first new token of row 0 that differs, compared with the
    logits of the right ids before it (no cache): which position's argmax it is, or its rank
    among the last position's logits."""
    if got.shape != expected.shape:
        return ""
    wrong = (got[0, start:] != expected[0, start:]).nonzero()
    if not len(wrong):
        return ""
    i = start + wrong[0].item()
    with torch.no_grad():
        logits = model(expected[:1, :i])[0]
    tok = got[0, i].item()
    if not 0 <= tok < logits.shape[-1]:
        return f" (new token {i - start + 1}, id {tok}, is not a vocabulary id)"
    where = [p for p in range(i) if logits[p].argmax().item() == tok]
    text = f" (new token {i - start + 1} of row 0, id {tok}, "
    if where:
        return text + (f"is the argmax of position {where[-1]}'s logits, but the next token "
                       f"comes from the last position, {i - 1}: logits[:, -1] of the last call)")
    rank = (logits[-1] > logits[-1, tok]).sum().item() + 1
    greedy = logits[-1].argmax().item()
    vocab = logits.shape[-1]
    why = (f", the SMALLEST of all {vocab}: an argmin (or a negated score) where argmax belongs"
           if rank == vocab else ", the second largest: the largest one is skipped"
           if rank == 2 else "")
    return text + (f"ranks {rank} among the last position's logits (1 = the largest){why}; "
                   f"greedy picks rank 1, id {greedy}: yours is {greedy} {tok - greedy:+d})")


def _none_resolved_as(impl):
    """Which size context_size=None was taken as: on a probe model whose width, vocabulary and
    context part (8 < 30 < 40), 40 new tokens slide each candidate's window differently, so the
    greedy result with one candidate alone reproduces the answer's."""
    torch.manual_seed(3)
    model = GPTModel(NONE_PROBE).eval()
    idx = torch.randint(0, 30, (2, 6), generator=torch.Generator().manual_seed(5))
    try:
        got = _call(impl, model, idx.clone(), 40, None, hint="")
    except (CheckFailure, RuntimeError, ValueError, IndexError):
        return ""
    if not isinstance(got, torch.Tensor) or got.shape != (2, 46):
        return ""
    names = {8: "emb_dim (model.pos_emb.embedding_dim, or pos_emb.weight.shape[1])",
             30: "vocab_size (model.tok_emb.num_embeddings)",
             39: "the context minus one",
             6: "the prompt's length (idx.shape[1]), not the model's"}
    match = [v for v in (6, 8, 30, 39, 40)
             if torch.equal(got, generate_text_simple(model, idx, 40, v))]
    if not match:
        fresh = fresh_copy(impl)
        try:
            anew = _call(fresh, model, idx.clone(), 40, None, hint="") if fresh else None
        except (CheckFailure, RuntimeError, ValueError, IndexError):
            anew = None
        if isinstance(anew, torch.Tensor) and torch.equal(
                anew, generate_text_simple(model, idx, 40, 40)):
            return (" on this model after earlier calls, while a newly imported copy of your "
                    "file gets None right on a model with context 40: the size for None was "
                    "worked out on an earlier call and kept (a module-level variable or a "
                    "default set once), so another model's context was used; resolve it "
                    "from this call's model every time")
    if len(match) != 1 or match[0] == 40:
        return ""
    return (f" (on a model with emb_dim 8, vocab_size 30 and context 40, None acts as "
            f"context_size={match[0]}, which is {names[match[0]]}: None was resolved to the "
            "wrong size)")


def _kv_case(impl, cfg, seed):
    model = _small_model(cfg, torch.float64, seed=seed)  # float64: no near-ties between logits
    context, vocab = cfg["context_length"], cfg["vocab_size"]
    window = context - 4  # a context_size smaller than the model's context
    calls, fed, stale = [], [], []  # stale: the blocks still caching at the first cached call

    def record(module, args, kwargs):
        if args[0].dim() != 2:  # a squeezed or flattened new token
            raise CheckFailure(f"the model was fed ids of shape {tuple(args[0].shape)}; GPTModel "
                               "takes (batch, num_tokens): feed the new token as (batch, 1), "
                               "next_id = logits[:, -1].argmax(dim=-1, keepdim=True) (not "
                               "squeezed or flattened)")
        ids = args[0]
        if ids.numel() and int(ids.max()) >= vocab:  # before nn.Embedding crashes on it
            top, rows = int(ids.max()), ids.shape[0]
            raise CheckFailure(
                f"you fed the token id {top}, but vocab_size is {vocab}, so no logit has that "
                "index" + (f"; it is below batch x vocab_size = {rows} x {vocab}: an argmax "
                           "over the flattened (batch, vocab) logits (argmax() without "
                           "dim=-1) gives such ids; take it per row, "
                           "logits[:, -1].argmax(dim=-1, keepdim=True)"
                           if rows > 1 and top < rows * vocab else
                           ": append the argmax's index over the vocabulary, dim=-1"))
        use = bool(kwargs.get("use_cache", False) or (len(args) > 1 and args[1]))
        if use and not any(c for _, c in calls) and not stale:  # the first cached call
            stale.append([i for i, blk in enumerate(module.trf_blocks)
                          if blk.att.cache_k is not None])
        calls.append((ids.shape[1], use))
        fed.append(ids.detach().clone())

    model.register_forward_pre_hook(record, with_kwargs=True)
    resets, reset = [], model.reset_kv_cache

    def counted_reset():
        resets.append(len(calls))
        reset()

    model.reset_kv_cache = counted_reset
    a = torch.tensor([[3, 14, 15]])
    expected = generate_text_simple(model, a, 5, context)
    calls.clear()  # count only the calls made by the code under test
    resets.clear()
    got = _call(impl, model, a.clone(), 5, hint="feed the prompt once, then one token per step")
    lengths, uses = [n for n, _ in calls], [c for _, c in calls]  # before probes call again
    own_fed = fed[len(fed) - len(calls):]
    pattern_ok = lengths[:1] == [3] and all(n == 1 for n in lengths[1:]) and all(
        c for _, c in calls)
    if not torch.equal(got, expected) and pattern_ok and len(resets) > 1:
        raise CheckFailure(f"you reset the cache {len(resets)} times while generating 5 tokens "
                           "after a 3-token prompt (the window never slid): reset once at the "
                           "start, then only when the sequence outgrows context_size")
    if got.shape[0] == expected.shape[0] and got.shape[1] != expected.shape[1]:
        raise CheckFailure(f"for the prompt {a.tolist()} and max_new_tokens=5 you appended "
                           f"{got.shape[1] - a.shape[1]} tokens: run the loop exactly "
                           "max_new_tokens times (the prompt's logits give the first one)")
    if not torch.equal(got, expected) and pattern_ok and len(lengths) - 1 > 5:
        raise CheckFailure(f"for the prompt {a.tolist()} you generated {got.tolist()}, greedy "
                           f"decoding gives {expected.tolist()}: after the {a.shape[1]}-token "
                           f"prompt you fed {len(lengths) - 1} single tokens for 5 new ones, so "
                           "a token went into the cache twice (the prompt's last token fed "
                           "again?): the prompt's logits give the first new token; then feed "
                           "each new token exactly once")
    if not torch.equal(got, expected) and pattern_ok:
        with torch.no_grad():  # the first new token taken from the prompt's first position
            first = torch.cat((a, model(a)[:, 0].argmax(-1, keepdim=True)), dim=1)
        why = (": after the prompt you took the logits of its FIRST position; the next token "
               "comes from the last, logits[:, -1]"
               if torch.equal(got, generate_text_simple(model, first, 4, context)) else
               f": you reset the cache after feeding the prompt (after call {resets[0]}), not "
               "before it, so the prompt's keys and values were thrown away and the new tokens "
               "saw an empty cache: call model.reset_kv_cache() first, then feed the prompt"
               if resets and resets[0] > 0 else _fed_token_hint(
                   fed[len(fed) - len(calls):], got, a.shape[1]) or (
                   ": the prompt went in once and then one token per step, as asked, yet the "
                   "tokens differ" + _first_wrong_token_hint(model, got, expected, a.shape[1])
                   + ": the next token is the argmax of the last call's "
                   "logits[:, -1], and the token fed is the one just appended"))
        raise CheckFailure(f"for the prompt {a.tolist()} you generated {got.tolist()}, greedy "
                           f"decoding gives {expected.tolist()}{why}")
    if not torch.equal(got, expected) and _same_with_context(
            impl, model, a, context, generate_text_simple(model, a, 15, context)):
        like = _none_resolved_as(impl)  # right with the context given: None misread?
        if like:
            raise CheckFailure(f"with context_size={context} it works, but with context_size"
                               "=None (the default) it does not" + like + ": None means the "
                               "model's own context, model.pos_emb.num_embeddings (here "
                               f"{context})")
    if not pattern_ok and 1 < len(lengths) and set(lengths) == {a.shape[1]} and all(
            torch.equal(ids, got[:, k:k + a.shape[1]]) for k, ids in enumerate(own_fed)):
        raise CheckFailure(f"for the {a.shape[1]}-token prompt {a.tolist()} every call fed "
                           f"{a.shape[1]} tokens, the last {a.shape[1]} of the sequence so "
                           "far: your window never grows past the prompt's length (context_size"
                           " cut to idx.shape[1]?), so every step refilled a window that "
                           f"the model's context ({context}, for context_size=None) still had "
                           "room for: the window is the last context_size tokens; while the "
                           "sequence fits, feed only the new token, with use_cache=True")
    if not pattern_ok:
        raise CheckFailure(f"the model was fed {lengths} tokens per call (use_cache "
                           f"{uses}); with the cache feed the prompt once, then "
                           "only the one new token per step, always with use_cache=True")
    leaked = ("an earlier call's keys and values leaked into this one: call "
              "model.reset_kv_cache() at the start of every call")
    model.reset_kv_cache()
    model(torch.tensor([[1, 2]]), use_cache=True)  # leave the cache dirty, as a crash would
    state = []  # (current_pos, keys cached) when the code under test first calls the model
    probe = model.register_forward_pre_hook(lambda m, _a: None if state else state.append(
        (m.current_pos, m.trf_blocks[0].att.cache_k is not None)))
    calls.clear()
    stale.clear()
    before = len(resets)
    try:
        again = _call(impl, model, a.clone(), 5, hint=leaked)
    finally:
        probe.remove()
    if stale and stale[0] and state and not state[0][1]:  # block 0 emptied, others not
        raise CheckFailure(
            f"calling again: the first block's cache was empty but blocks {stale[0]} still held "
            "the earlier call's keys and values when your prompt went in (only "
            "trf_blocks[0].att.reset_cache()?), so those blocks attended to stale tokens"
            + ("" if torch.equal(again, expected) else
               f" (you generated {again.tolist()}, greedy decoding gives {expected.tolist()})")
            + ": call model.reset_kv_cache(), which empties every block's cache and sets "
            "current_pos to 0")
    if not torch.equal(again, expected):
        pos, cached = state[0] if state else (0, True)
        if pos and not cached:
            leaked = (f"the attention caches were emptied but model.current_pos was still {pos} "
                      "from the earlier call, so the prompt got positions from "
                      f"{pos} on (each block's att.reset_cache() alone?): call "
                      "model.reset_kv_cache() at the start of every call; it also sets the "
                      "position counter to 0")
        elif cached and not pos:
            leaked = ("model.current_pos was 0 but the earlier call's keys and values were "
                      "still cached (current_pos set to 0 by hand?): call "
                      "model.reset_kv_cache() at the start of every call; it empties every "
                      "block's cache as well")
        elif len(resets) == before and re.search(r"reset_kv_cache\b(?!\s*\()",
                                                 answer_source(impl) or ""):
            leaked = ("your code names model.reset_kv_cache without calling it (no "
                      "parentheses: the bare attribute does nothing), and this call never reset "
                      "the cache, so an earlier call's keys and values leaked into it: write "
                      "model.reset_kv_cache() at the start of every call")
        raise CheckFailure(f"calling again gave different tokens: {leaked}")
    b = torch.randint(0, vocab, (3, 6), generator=torch.Generator().manual_seed(7))
    slid = ("once idx is longer than context_size the window slides and every position "
            "changes: reset the cache and feed idx[:, -context_size:] again")
    for context_size in (None, window):
        expected = generate_text_simple(model, b, 15, context_size or context)
        calls.clear()
        resets.clear()
        fed.clear()
        try:
            got, failure = _call(impl, model, b.clone(), 15, context_size, hint=slid), None
        except CheckFailure as err:
            got, failure = None, err
        own, own_resets, own_fed = list(calls), list(resets), list(fed)  # this call's alone
        # (the probe below
        # feeds the model again)
        if context_size is None and (got is None or not torch.equal(got, expected)) and \
                _same_with_context(impl, model, b, context, expected):
            like = _none_resolved_as(impl)
            raise CheckFailure(f"with context_size={context} it works, but with "
                               "context_size=None it does not" + like + ": None means the "
                               "model's own context, model.pos_emb.num_embeddings (here "
                               f"{context})")
        if failure is not None:
            extra = _refill_then_token_hint(own, own_resets, context_size or context) or (
                _refill_size_hint(own, context_size or context))
            if extra and context_size is None:  # one refill, then single tokens again?
                extra = _refill_once_hint(impl, model, b, window, calls, resets) or extra
            if not extra and _late_refill_hint(own, b.shape[1], context_size or context):
                # the model refused the first token past the window, so whether a refill
                # would have come later shows only with a window below the model's context
                probe = own if context_size else _probe_calls(impl, model, b, window, calls)
                extra = (_late_refill_hint(probe, b.shape[1], window) if probe is not own
                         else None) or _late_refill_hint(own, b.shape[1], context_size)
            if extra:
                text = str(failure)
                raise CheckFailure(text.replace(slid, extra) if slid in text
                                   else f"{text}; {extra}") from failure
            raise failure
        if torch.equal(got, expected):
            _kv_refill_pattern(calls, b.shape[1], 15, context_size or context, context, resets)
            continue
        if context_size is not None and got.shape == expected.shape and torch.equal(
                got, generate_text_simple(model, b, 15, context)):
            raise CheckFailure(f"with context_size={context_size} you generated what the "
                               f"model's whole context ({context}) gives: use the context_size "
                               "argument when it is given")
        if got.shape != expected.shape:
            w = context_size or context
            window_only = (tuple(got.shape) == (expected.shape[0], w)
                           and torch.equal(got, expected[:, -w:]))
            extra = got.shape[1] - expected.shape[1] if got.dim() == 2 else 0
            refills = sum(n > w for n in range(b.shape[1] + 1, b.shape[1] + 16))
            stopped = (got.dim() == 2 and got.shape[0] == expected.shape[0]
                       and got.shape[1] in (w, w + 1) and got.shape[1] < expected.shape[1]
                       and torch.equal(got, expected[:, :got.shape[1]]))
            raise CheckFailure(f"with context_size={context_size} you returned shape "
                               f"{tuple(got.shape)}, expected {tuple(expected.shape)}"
                               + (f": these are the last {w} tokens only (the window); return "
                                  "the whole idx, the prompt and every new token"
                                  if window_only else
                                  f": your tokens are right, but generation stopped when the "
                                  f"sequence reached the window ({w} tokens): keep going for "
                                  "all max_new_tokens; when the window slides, reset the cache "
                                  "and refill it from idx[:, -context_size:]"
                                  if stopped else
                                  f": {extra} tokens too many, one for each of the {refills} "
                                  "steps past the window: when the window slides the new token"
                                  " is appended twice; append it once per step, then refill"
                                  if extra == refills > 0 else ""))
        row, col = (got != expected).nonzero()[0].tolist()
        w = context_size or context
        # before the window slides the cache path is plain greedy decoding: its usual mistakes
        # (row 0's token for every row...) show; after it, the refill hints below decide
        known = likely_cause(got.double(), _greedy_mistakes(model, b, 15, w),
                             atol=0.5) if col <= w else None
        raise CheckFailure(f"with context_size={context_size}, token {col} of row {row} is "
                           f"{got[row, col].item()}, plain greedy generation gives "
                           f"{expected[row, col].item()}"
                           + (f": {known}" if known else
                              f": it is the first token after the sequence outgrew the window "
                              f"({w}); "
                              + (_cache_to_context_hint(own, own_resets, b.shape[1], w,
                                                        context)
                                 or _refill_then_token_hint(own, own_resets, w)
                                 or _refill_size_hint(own, w)
                                 or _reset_then_single_hint(own, own_resets, w)
                                 or _late_refill_hint(own, b.shape[1], w)
                                 or _refill_tokens_hint(own, own_fed, got, b.shape[1], w)
                                 or _refill_position_hint(model, own, own_fed, got,
                                                          b.shape[1], w)
                                 or _refill_hint(own, own_resets, w, model, got, row, col)
                                 or slid)
                              if col > w else _rows_contrast(got, expected)))
    long = torch.randint(0, vocab, (2, window + 2), generator=torch.Generator().manual_seed(8))
    expected = generate_text_simple(model, long, 4, window)
    calls.clear()
    start = len(fed)
    got = _call(impl, model, long.clone(), 4, window,
                hint="crop the prompt to its last context_size tokens before feeding it")
    if not torch.equal(got, expected):
        first = calls[0][0] if calls else None
        if first == window and not torch.equal(fed[start], long[:, -window:]):
            which = ("its FIRST context_size tokens, idx[:, :context_size]"
                     if torch.equal(fed[start], long[:, :window]) else "other tokens")
            raise CheckFailure(f"a prompt of {window + 2} tokens with context_size={window}: "
                               f"your first call fed {window} tokens per row, but {which}, "
                               "not the prompt's last ones: the window is the newest tokens, "
                               "idx[:, -context_size:]")
        raise CheckFailure(f"a prompt of {window + 2} tokens with context_size={window} gave "
                           f"row 0 = {got[0].tolist()}, plain generation "
                           f"{expected[0].tolist()}; your first "
                           f"call fed {first} tokens per row" + (
                               ": the whole prompt, longer than the window; crop the prompt to "
                               "idx[:, -context_size:] before feeding it to the cache"
                               if first == window + 2 else
                               f", the window ({window}) as it should, so the difference comes "
                               "later: with a prompt longer than the window, every step is "
                               "past it, so each new token needs a reset and a refill with "
                               "idx[:, -context_size:] (compare idx.shape[1], not the number of "
                               "tokens generated, with context_size)"
                               if first == window else
                               f": the first call feeds the prompt's last {window} tokens, "
                               "idx[:, -context_size:]"))


def _probe_calls(impl, model, idx, window, calls):
    """The (tokens, use_cache) of each model call when ``impl`` runs with ``window``."""
    calls.clear()
    try:
        impl(model, idx.clone(), 15, window)
    except Exception:  # noqa: BLE001 - only the calls made before a crash are wanted
        pass
    return list(calls)


def _fed_token_hint(fed, got, length):
    """': ...' when a single-token call fed another token than the one just appended."""
    for k, ids in enumerate(fed[1:], start=1):
        pos = length + k - 1  # the k-th new token's place in got
        if pos >= got.shape[1] or ids.shape != got[:, pos:pos + 1].shape or torch.equal(
                ids, got[:, pos:pos + 1]):
            continue
        before = torch.equal(ids, got[:, pos - 1:pos])
        return (f": at step {k} you fed {ids.tolist()}, but the token just appended is "
                f"{got[:, pos:pos + 1].tolist()}"
                + (" (yours is the token BEFORE it, idx[:, -2:-1])" if before else "")
                + ": feed the new token itself, next_id (or idx[:, -1:] after appending)")
    return None


def _kv_refill_pattern(calls, length, new, window, context=None, resets=()):
    """The tokens fed per call: prompt once, 1 while idx fits, the window once it is past.

    ``context`` is the model's own context: single tokens fed past it with no reset
    (``resets`` holds the call index after each one) and without the model refusing them mean
    the cache (and ``current_pos``) was cut by hand."""
    want = [min(length, window)] + [1 if length + i <= window else window
                                    for i in range(1, new + 1)]
    lengths = [n for n, _ in calls]
    first = next((i for i, (n, w) in enumerate(zip(lengths, want)) if n != w), None)
    if first and lengths[:first] == want[:first] and lengths[first] == 1 and \
            want[first] == window and set(lengths[first:]) == {1} and \
            not any(r >= first for r in resets):
        cut = window == context  # the model refuses a cache past its context: trimmed by hand
        raise CheckFailure(
            f"with context_size={window} and a {length}-token prompt you fed {lengths} tokens "
            f"per call, expected {want[:-1]}: from call {first}, once the sequence had grown "
            "past context_size, you went on feeding the single new token and never reset and "
            "refilled the cache"
            + (f"; the model took those tokens past its context of {context} without refusing "
               "them, so the cache and current_pos were cut by hand (the oldest keys and values "
               "dropped?): the kept keys keep the positions they were cached at, but after a "
               "slide every token moves one position down, so the tokens agree here only by "
               "chance" if cut else "")
            + ": once idx.shape[1] > context_size, call model.reset_kv_cache() and feed "
            "idx[:, -context_size:] at every step")
    if lengths not in (want, want[:-1]):
        pieces = window in want and any(a == window - 1 and b == 1
                                        for a, b in zip(lengths, lengths[1:]))
        raise CheckFailure(f"with context_size={window} and a {length}-token prompt you fed "
                           f"{lengths} tokens per call, expected {want[:-1]}: " + (
                               "each refill came in two calls (the window without its newest "
                               "token, then that token); the tokens may agree, but a refill is "
                               "one call with the whole window, idx[:, -context_size:], after "
                               "the reset, as the docstring asks" if pieces else
                               "while the sequence fits in context_size feed only the new "
                               "token; reset and refill only once it grows past context_size "
                               "(idx.shape[1] > context_size)"))


def _refill_then_token_hint(calls, resets, window):
    """A hint when a refill (a reset, then ``window`` tokens) is followed by one more single
    token on the same cache: once the window slides, every step refills, so the cache then holds
    window + 1 tokens."""
    for i in resets[1:]:
        if i + 1 < len(calls) and calls[i][0] == window and calls[i + 1][0] == 1 and \
                i + 1 not in resets:
            return (f"after the reset you fed {window} tokens and then a single token on top, "
                    f"{window + 1} in all: a refill is the last context_size tokens INCLUDING "
                    "the newest, idx[:, -context_size:], in one call, and its logits give the "
                    "next token (no single token follows it)")
    return None


def _cache_to_context_hint(calls, resets, length, window, context):
    """A hint when single tokens grew the cache past ``window`` up to the model's ``context``,
    a reset and refill came only then, and single tokens grew it again after the refill: the
    slide test compares the cache (``model.current_pos``) with the model's context."""
    if not context or window >= context or not calls or calls[0][0] != min(length, window):
        return None
    held, full, refills = 0, [], []  # tokens in the cache; its size before each reset
    for i, (n, _) in enumerate(calls):
        if i and i in resets:
            full.append(held)
            refills.append(i)
            held = 0
        held += n
    late = [i for i, (n, _) in enumerate(calls) if i and n == 1 and length + i > window]
    if not late or not refills or late[0] > refills[0] or set(full) != {context} or not any(
            calls[i + 1][0] == 1 for i in refills if i + 1 < len(calls)):
        return None
    return (f"you fed single tokens past context_size ({window}) until the cache held "
            f"{context} tokens, the model's context, and only then reset and refilled the "
            f"{window}-token window, after which single tokens grew the cache to {context} "
            "again: your slide test compares the cache's size (model.current_pos) with the "
            "model's context (model.pos_emb.num_embeddings), not idx.shape[1] with "
            "context_size; once idx.shape[1] > context_size, reset the cache and feed "
            "idx[:, -context_size:] at every step")


def _refill_once_hint(impl, model, idx, window, calls, resets):
    """A hint when, run with a window below the model's context, the cache is refilled at the
    first slide only and single tokens follow on it at every later step."""
    resets.clear()
    probe = _probe_calls(impl, model, idx, window, calls)
    refills = [i for i in resets if 0 < i < len(probe)]
    if len(refills) != 1 or probe[refills[0]][0] != window:
        return None
    after = [n for n, _ in probe[refills[0] + 1:]]
    if len(after) < 2 or set(after) != {1}:
        return None
    return (f"the cache is refilled only once: with context_size={window} you reset and fed "
            f"the {window}-token window at the first slide, then fed {len(after)} single tokens "
            "on that cache with no further refill; once the sequence is past context_size the "
            "window slides again at EVERY step, so every such step resets the cache and feeds "
            "idx[:, -context_size:] (a flag that refills only once?)")


def _refill_size_hint(calls, window):
    """A hint when the cache was refilled with more or fewer tokens than the window."""
    sizes = sorted({n for n, _ in calls[1:] if n > 1 and n != window})
    if not sizes:
        return None
    return (f"your refills fed {sizes[0]} tokens, but the window is {window}: after the reset "
            f"feed the whole window, idx[:, -context_size:] ({window} tokens), in one call")


def _reset_then_single_hint(calls, resets, window):
    """A hint when the cache was reset once the window slid but then got a single token: the
    reset emptied it, so the window must be fed again."""
    for i in resets[1:]:
        if 0 < i < len(calls) and calls[i][0] == 1:
            return (f"once the window slid you did reset the cache, but then fed only the "
                    f"newest token (1 token at call {i + 1}): after a reset the cache is empty, "
                    f"so that token sees nothing before it; refill with the whole window, "
                    f"idx[:, -context_size:] ({window} tokens), in one call with use_cache=True")
    return None


def _late_refill_hint(calls, length, window):
    """A hint when single tokens were still fed after the sequence outgrew ``window``."""
    late = [i for i, (n, _) in enumerate(calls) if i and n == 1 and length + i > window]
    refills = [i for i, (n, _) in enumerate(calls) if i and n == window]
    if not late or calls[0][0] != min(length, window) or (refills and refills[0] < late[0]):
        return None  # no single token past the window, or one only after a refill
    seen = length + late[0]
    after = [i for i in refills if i > late[0]]
    singles = [i for i in late if not after or i < after[0]]
    why = ("one step late: your test looks at the length before the new token is appended "
           "(a count taken before torch.cat, or prompt length + step); test idx.shape[1] "
           "after appending" if after and len(singles) == 1 and seen == window + 1 else
           f"you never reset and refilled when the window slides ({len(singles)} single "
           "tokens past it); "
           "test idx.shape[1] > context_size after appending each token" if not after else
           "compare idx.shape[1] with context_size (not with the model's context_length)")
    return (f"you still fed a single new token once the sequence had {seen} tokens, past "
            f"context_size ({window}), so the cache outgrew the window: {why}, and reset and "
            "refill as soon as it is larger")


def _rows_contrast(got, expected):
    """' (...)' saying which rows are right when only some differ, else ''."""
    bad = [r for r in range(got.shape[0]) if not torch.equal(got[r], expected[r])]
    if len(bad) == got.shape[0]:
        return ""
    good = [r for r in range(got.shape[0]) if r not in bad]
    col = min(int((got[r] != expected[r]).nonzero()[0]) for r in bad)
    if good == [0] and all(got[r, col] == got[0, col] for r in bad):
        return (f" (rows {bad} took row 0's token at position {col}, {got[0, col].item()}: the "
                "logits of the first ROW were used for every row; model(ids)[0] is row 0 here "
                "(Hugging Face's outputs[0] is the logits, but GPTModel returns the logits "
                "tensor itself), and so is logits[0]: take logits[:, -1] of the whole batch)")
    return (f" (rows {good} are right, rows {bad} are not: the rows are not treated alike; "
            "each row needs its own argmax, logits[:, -1].argmax(dim=-1, keepdim=True))")


def _refill_tokens_hint(calls, fed, got, length, window):
    """A hint when a refill fed other tokens than the window that ends with the newest one."""
    for i, ((n, _), ids) in enumerate(zip(calls, fed)):
        if not i or n != window or length + i > got.shape[1]:
            continue
        want = got[:, :length + i][:, -window:]
        if ids.shape != want.shape or torch.equal(ids, want):
            continue
        stale = torch.equal(ids, got[:, :length + i - 1][:, -window:])
        return ("your refill fed the window before the newest token was appended (it ends "
                "with the token before it): append next_id to idx first, then reset and feed "
                "idx[:, -context_size:]" if stale else
                f"your refill fed {ids[0].tolist()} for row 0, but the window is the last "
                f"{window} tokens including the newest, {want[0].tolist()}: feed "
                "idx[:, -context_size:] after appending")
    return None


def _refill_position_hint(model, calls, fed, got, length, window):
    """Replay the first refill (``window`` tokens after a reset, so positions from 0, as a plain
    forward pass) and find which position's argmax the learner appended after it."""
    for i, ((n, cached), ids) in enumerate(zip(calls, fed)):
        if not i or n != window or not cached or length + i >= got.shape[1]:
            continue
        with torch.no_grad():
            chosen = model(ids).argmax(dim=-1)  # (batch, window): each position's argmax
        hits = [p for p in range(window) if torch.equal(chosen[:, p], got[:, length + i])]
        if hits and window - 1 not in hits:
            p = hits[0]
            return (f"after the refill you appended the argmax of position {p} of the "
                    f"{window}-token window" + (" (logits[:, 0], the first)" if p == 0 else "")
                    + ", replayed on the window you fed; the next token comes from the last "
                    "position of that call's logits, logits[:, -1]")
        return None
    return None


def _refill_hint(calls, resets, window, model, got, row, col):
    """A hint when the cache was refilled (reset, then ``window`` tokens fed) yet token ``col``,
    the first after the refill, went wrong: the old logits reused (the token before repeated),
    else the rank of the appended token among the refill's last logits, replayed."""
    refills = [i for i in resets[1:] if i < len(calls) and calls[i] == (window, True)]
    if not refills:
        return None
    if torch.equal(got[:, col], got[:, col - 1]):
        return (f"you did reset the cache and feed the last {window} tokens again, but the new "
                "token repeats the one before it, the argmax of the logits from before the "
                "refill: the next token must come from THAT call's logits: logits = "
                "model(idx[:, -context_size:], use_cache=True), then the argmax of "
                "logits[:, -1]")
    try:
        with torch.no_grad():
            last = model(got[:, :col][:, -window:])[:, -1]  # the refill, replayed, no cache
        rank = int((last[row] > last[row, got[row, col]]).sum()) + 1
    except (IndexError, RuntimeError):  # ids outside the vocabulary: other hints name them
        return None
    if rank == 1:
        return None
    return (f"you did reset the cache and feed the last {window} tokens again as you should, "
            f"but the token you appended next, {got[row, col].item()}, ranks {rank} among that "
            f"refill's last-position logits (replayed; 1 = the largest): take their argmax, "
            "logits[:, -1].argmax(dim=-1, keepdim=True), with nothing masked or changed")


def _kv_plain_case(impl, cfg, seed):
    model = _small_model(cfg, torch.float64, seed=seed)
    b = torch.randint(0, cfg["vocab_size"], (3, 6), generator=torch.Generator().manual_seed(7))
    for window in (cfg["context_length"] - 4, None):
        _kv_plain_run(impl, model, b, window, cfg["context_length"])


def _kv_plain_run(impl, model, b, window, context):
    """use_cache=False with ``window`` as context_size (None: the model's context)."""
    cached, fed = [], []

    def spy(module, args, kwargs):
        cached.append(bool(kwargs.get("use_cache", False) or (len(args) > 1 and args[1])))
        fed.append(args[0].clone() if args and isinstance(args[0], torch.Tensor) else None)

    hook = model.register_forward_pre_hook(spy, with_kwargs=True)
    def no_cache():
        return (f"with use_cache=False you still called the model with use_cache=True "
                f"({sum(cached)} of {len(cached)} calls): the use_cache option must switch the "
                "cache off and run the plain loop, model(idx[:, -context_size:])")

    none = (f"with use_cache=False and context_size=None the model was fed more than its "
            f"context ({context}): None means the model's own context, "
            "model.pos_emb.num_embeddings; resolve it before choosing between the two paths"
            if window is None else None)
    try:
        got = _call(impl, model, b.clone(), 15, window, False, hint=none or (
            "with use_cache=False crop the input to idx[:, -context_size:] each step"))
    except CheckFailure as err:
        if any(cached):  # the cache kept growing until the model refused it
            raise CheckFailure(no_cache()) from err
        raise
    finally:
        hook.remove()
    expected = generate_text_simple(model, b, 15, window or context)
    if not torch.equal(got, expected):
        where = f"with use_cache=False and context_size={window}"
        if got.shape != expected.shape:
            off = got.shape[1] - expected.shape[1] if got.dim() == 2 else 0
            raise CheckFailure(f"{where} you returned shape {tuple(got.shape)}, expected "
                               f"{tuple(expected.shape)} (a {b.shape[1]}-token prompt, 15 new)"
                               + (f": {abs(off)} token{'s' * (abs(off) > 1)} too "
                                  f"{'many' if off > 0 else 'few'}; the plain loop runs "
                                  "exactly max_new_tokens times, one token per step"
                                  if 0 < abs(off) <= 2 and got.shape[0] == b.shape[0] else ""))
        if window is not None and torch.equal(got, generate_text_simple(model, b, 15, context)):
            raise CheckFailure(f"{where} you generated what the model's whole context "
                               f"({context}) gives: the plain path ignores context_size; crop "
                               "to idx[:, -context_size:] each step")
        row, col = (got != expected).nonzero()[0].tolist()
        slid = col > (window or context)
        known = likely_cause(got.double(), _greedy_mistakes(model, b, 15, window or context),
                             atol=0.5)
        if known:
            raise CheckFailure(f"{where}, token {col} of row {row} is {got[row, col].item()}, "
                               f"plain greedy generation gives {expected[row, col].item()}: "
                               f"{known}")
        padded = next((f"at step {k + 1} the model was fed row 0 {ids[0].tolist()}: {why}"
                       for k, ids in enumerate(fed) if ids is not None and len(fed) == 15
                       for why in [_padding_why(ids, got[:, :b.shape[1] + k][
                           :, -(window or context):])] if why), None)
        if padded:
            raise CheckFailure(f"{where}, token {col} of row {row} is {got[row, col].item()}, "
                               f"plain greedy generation gives {expected[row, col].item()}: "
                               f"{padded}")
        raise CheckFailure(f"{where}, token {col} of row {row} is {got[row, col].item()}, plain "
                           f"greedy generation gives {expected[row, col].item()} (the prompt "
                           f"has {b.shape[1]} tokens; the window of {window or context} "
                           f"{'had started to slide' if slid else 'had not slid yet'}): the plain "
                           "path feeds idx[:, -context_size:] every step and appends the argmax "
                           "of logits[:, -1]")
    if any(cached):
        raise CheckFailure(no_cache())


@one_thread
def check_kv_cache_generation(impl):
    try:
        params = inspect.signature(impl).parameters
    except (TypeError, ValueError):
        params = {}
    order = list(params)
    if {"context_size", "use_cache"} <= set(order) and order.index("use_cache") < order.index(
            "context_size"):
        raise CheckFailure(f"your parameters are ({', '.join(order)}): use_cache comes before "
                           "context_size, but the exercise's order is (model, idx, "
                           "max_new_tokens, context_size=None, use_cache=True), and callers "
                           "pass them by position, as generate_text_simple(model, idx, "
                           "max_new_tokens, context_size) does: a context_size given 4th lands "
                           "in your use_cache; keep the stub's signature")
    for name, default in (("context_size", None), ("use_cache", True)):
        if name in params and params[name].default is not default:
            raise CheckFailure(f"{name} defaults to {params[name].default!r}; the exercise's "
                               f"default is {name}={default!r} (callers that leave it out "
                               "rely on it)")
    cases = []
    for s, cfg in ((5, CFG_A), (6, CFG_B)):
        cases.append((f"use_cache=True, {_describe(cfg)}",
                      lambda a, cfg=cfg, s=s: _kv_case(a, cfg, s)))
        cases.append((f"use_cache=False, {_describe(cfg)}",
                      lambda a, cfg=cfg, s=s: _kv_plain_case(a, cfg, s)))
    cases.append(("a model with GPT-2's vocabulary, use_cache=True", lambda a: _end_of_text_case(
        a, _CountdownGPT, "generate_text_simple_cached")))
    prompt = torch.tensor([[1, 2, 3, 4, 5, 6]])
    for use_cache in (True, False):
        cases.append((f"side effects: mode, gradients, random state, use_cache={use_cache}",
                      lambda a, use_cache=use_cache: _generation_contracts(
                          lambda m: a(m, prompt.clone(), 4, 8, use_cache),
                          _small_model(CFG_A, torch.float64, seed=5),
                          f"generate_text_simple_cached(..., use_cache={use_cache})")))
        cases.append((f"max_new_tokens=0, use_cache={use_cache}",
                      lambda a, use_cache=use_cache: _zero_new_case(
                          lambda m, idx, n: a(m, idx, n, 8, use_cache), _CountdownGPT(),
                          f"generate_text_simple_cached(..., use_cache={use_cache})")))
        cases.append((f"a model and prompt on another device, use_cache={use_cache}",
                      lambda a, use_cache=use_cache: _device_case(
                          lambda m, idx: a(m, idx, 10, 8, use_cache),
                          f"generate_text_simple_cached(..., use_cache={use_cache})")))
    cases.append(("the arguments passed by name", _kv_by_name))
    check_cases(state_probed(impl, cases, probe_first=False))


def _kv_by_name(impl):
    """The four arguments after ``model`` passed by name, with both ``use_cache`` values:
    a renamed parameter (``context_length``, ``max_tokens``, ``cache``) works by position
    only."""
    model = _small_model(CFG_A, seed=5)
    idx = torch.randint(0, CFG_A["vocab_size"], (2, 5), generator=torch.Generator().manual_seed(48))
    want = generate_text_simple(model, idx, 6, 8)
    for use_cache in (True, False):
        what = (f"generate_text_simple_cached(model=model, idx=idx, max_new_tokens=6, "
                f"context_size=8, use_cache={use_cache}) (passed by name)")
        got = call_by_name(impl, what, "def generate_text_simple_cached(model, idx, "
                           "max_new_tokens, context_size=None, use_cache=True)", model=model,
                           idx=idx.clone(), max_new_tokens=6, context_size=8,
                           use_cache=use_cache)
        got = _as_tensor(got, what, tuple(want.shape))
        if not torch.equal(got, want):
            raise CheckFailure(f"{what}: gave {got.tolist()}, expected {want.tolist()} (called "
                               "by position, your function gives the right ids: does a "
                               "parameter take another's value when they come by name?)")


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
