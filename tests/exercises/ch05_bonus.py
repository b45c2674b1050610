"""Checks for the chapter 5 bonus exercises (GPT to Llama): Llama 3's RoPE frequencies and the
SwiGLU feed-forward.

Expected values come from ``llmscratch`` (``compute_rope_params``, ``SwiGLUFeedForward``); the
likely cause of a wrong answer is the usual mistake that reproduces the learner's output.

A little longer than our usual 400 lines: each check replays its known mistakes, and the
SwiGLU check probes a crash or an unknown output further (square sizes, one layer zeroed).
"""

from __future__ import annotations

import ast
import functools
import inspect
import math
import re

import torch
import torch.nn.functional as F

from llmscratch import SwiGLUFeedForward, compute_rope_params
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
    likely_cause,
    one_thread,
    state_probed,
    tensors_not_on,
)

LLAMA32_FREQ = {"factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                "original_context_length": 8192}


def _likely(actual, mistakes, atol=1e-5, rtol=0.0):
    """The cause whose wrong output matches a finite ``actual`` best (within tolerance), or
    None; of equally close causes, the last listed."""
    if not bool(torch.isfinite(torch.as_tensor(actual).detach()).all()):
        return None
    return likely_cause(actual, dict(reversed(list(mistakes.items()))), atol, rtol)


# --- ex5_20: Llama 3's RoPE frequencies ----------------------------------------------------------


def _reference_inv_freq(head_dim, base, freq):
    """The library's frequencies, read back from its tables: the angle at position 1."""
    cos, sin = compute_rope_params(head_dim, base, 2, freq)
    return torch.atan2(sin[1], cos[1])[: head_dim // 2].double()


def _frequency_mistakes(head_dim, base, freq):
    inv = 1.0 / base ** (torch.arange(0, head_dim, 2).double() / head_dim)
    L, lo, f = freq["original_context_length"], freq["low_freq_factor"], freq["factor"]
    hi = freq["high_freq_factor"]
    inv_half = 1.0 / base ** (torch.arange(head_dim // 2).double() / head_dim)
    wavelen = 2 * math.pi / inv
    inv_10k = 1.0 / 10_000 ** (torch.arange(0, head_dim, 2).double() / head_dim)
    inv_500k = 1.0 / 500_000 ** (torch.arange(0, head_dim, 2).double() / head_dim)
    inv_odd = 1.0 / base ** (torch.arange(1, head_dim, 2).double() / head_dim)
    ones = torch.ones(head_dim // 2, dtype=torch.float64)
    inv_lin = 1.0 / base ** torch.linspace(0, 1, head_dim // 2, dtype=torch.float64)
    steps = torch.arange(0, head_dim, 2).double()  # the precedence slips: base ** steps / d
    inv_p1, inv_p2 = head_dim / base**steps, 1.0 / base**steps / head_dim
    inv4 = 1.0 / base ** (2 * steps / head_dim)
    smooth = (L / wavelen - lo) / (hi - lo)
    blend_all = (1 - smooth) * inv / f + smooth * inv
    mid, right = (wavelen <= L / lo) & (wavelen >= L / hi), _scaled(inv, wavelen, L, lo, hi, f)
    by_wave = (L / lo - wavelen) / (L / lo - L / hi)  # smooth read as a straight line in wavelength
    mixed = {}  # one setting read under another's key: the same text in every case
    settings = {"factor": f, "low_freq_factor": lo, "high_freq_factor": hi,
                "original_context_length": L}
    for role in settings:
        for src in settings:
            if src != role:
                got = {**settings, role: settings[src]}
                mixed[f"freq_config['{role}'] was read from freq_config['{src}'] (a key mixed "
                      "up): read each setting under its own key"] = _scaled(
                    inv, wavelen, got["original_context_length"], got["low_freq_factor"],
                    got["high_freq_factor"], got["factor"])
    keys = list(settings)
    for n, role in enumerate(keys):  # two settings each read under the other's key
        for src in keys[n + 1:]:
            got = {**settings, role: settings[src], src: settings[role]}
            mixed[f"freq_config['{role}'] and freq_config['{src}'] are swapped (each read "
                  "under the other's key): read each setting under its own key"] = _scaled(
                inv, wavelen, got["original_context_length"], got["low_freq_factor"],
                got["high_freq_factor"], got["factor"])
    for ntk, how in ((f ** (head_dim / (head_dim - 2)), "theta_base * factor ** (head_dim "
                      "/ (head_dim - 2))"), (f, "theta_base * factor")):
        inv_ntk = 1.0 / (base * ntk) ** (torch.arange(0, head_dim, 2).double() / head_dim)
        mixed[f"yours is NTK-aware scaling, a larger theta_base ({how}) with no bands; Llama "
              "3 keeps theta_base and scales by wavelength: keep the fast band, divide the "
              "slow band by factor, blend the band in between"] = inv_ntk
    for name, dtype, digits in (("float16", torch.float16, 4), ("bfloat16", torch.bfloat16, 3)):
        # a Python number raised to a low-precision tensor takes the tensor's dtype: the base
        # (theta_base, or 1 / theta_base) and every power are rounded, which the exponents
        # of 2i / 64 alone (short binary fractions) would not show
        low_exps = (torch.arange(0, head_dim, 2) / head_dim).to(dtype)
        for how, base_of, inv_low in (
                ("(1 / theta_base) ** exponents", "1 / theta_base (tiny, so it loses more)",
                 (1.0 / base) ** low_exps),
                ("1 / theta_base ** exponents", "theta_base", 1.0 / base**low_exps)):
            inv_low = inv_low.double()
            mixed[f"the frequencies are computed in {name}: {how} with {name} exponents, and "
                  f"a Python number raised to a {name} tensor takes the tensor's dtype, so "
                  f"{base_of} and every power are rounded to {name} (about {digits} "
                  "significant digits), which the wavelengths and the bands inherit: compute "
                  "in float32, torch.arange(0, head_dim, 2).float() / head_dim"] = _scaled(
                inv_low, 2 * math.pi / inv_low, L, lo, hi, f)
    mid = (wavelen <= L / lo) & (wavelen >= L / hi)
    mixed["the band in between blends the WAVELENGTHS ((1 - smooth) * wavelength * factor + "
          "smooth * wavelength, then 2 pi / that); blend the frequencies themselves: (1 - "
          "smooth) * inv_freq / factor + smooth * inv_freq"] = torch.where(
        mid, inv / ((1 - smooth) * f + smooth), torch.where(wavelen > L / lo, inv / f, inv))
    mixed["smooth subtracts high_freq_factor, (L / wavelength - hi) / (hi - lo); it "
          "subtracts low_freq_factor: smooth = (L / wavelength - lo) / (hi - lo), 0 at the "
          "slow edge, 1 at the fast edge"] = _scaled(inv, wavelen, L, lo, hi, f,
                                                     smooth_ratio=L / wavelen - hi + lo)
    return {
        "no scaling is applied, every frequency came back as inv_freq itself (is the scaled "
        "tensor the one returned?): frequencies with "
        "wavelengths above original_context_length / low_freq_factor must be divided by "
        "factor. Check what the thresholds are compared with: the wavelength, 2 * pi / "
        "inv_freq (inv_freq itself is at most 1, below both thresholds; 2 * pi * inv_freq puts "
        "every wavelength below both thresholds too)": inv,
        "every frequency is divided by factor: the fast ones (wavelength below "
        "original_context_length / high_freq_factor) must stay as they are (an in-place "
        "division, inv_freq /= factor, or on another name for the same tensor, slow = "
        "inv_freq; slow /= factor, divides them all: write slow = inv_freq / factor)": inv / f,
        "the slow band (wavelength above L / low_freq_factor) is not divided by factor: "
        "only the band in between is scaled; divide the slow frequencies by factor":
            torch.where((wavelen <= L / lo) & (wavelen >= L / hi),
                        _scaled(inv, wavelen, L, lo, hi, f), inv),
        "the band in between is not blended: yours keeps inv_freq unscaled up to the "
        "wavelength L / low_freq_factor and divides by factor beyond it, so no value falls in "
        "a middle band (the blend step missing, or a middle-band test that is never true: the "
        "fast edge written L / low_freq_factor too, a copy-paste, or the two comparisons "
        "reversed, wavelength <= L / hi and >= L / lo); the fast edge is L / high_freq_factor, "
        "and between the edges the frequency is (1 - smooth) * inv_freq / factor + smooth * "
        "inv_freq with smooth = (L / wavelength - lo) / (hi - lo)":
            torch.where(wavelen > L / lo, inv / f, inv),
        "the wavelength is taken as 1 / inv_freq; it is 2 * pi / inv_freq":
            _scaled(inv, 1 / inv, L, lo, hi, f),
        "the blend weights are swapped: (1 - smooth) goes with inv_freq / factor, smooth with "
        "inv_freq (or smooth itself came out as 1 - smooth, e.g. (L / wavelength - hi) / "
        "(lo - hi): it is (L / wavelength - lo) / (hi - lo), 0 at the slow end, 1 at the fast "
        "end)": _scaled(inv, wavelen, L, lo, hi, f, swap=True),
        "the slow frequencies were multiplied by factor; divide them by it":
            _scaled(inv, wavelen, L, lo, hi, 1 / f),
        "the exponents are i / head_dim for i = 0, 1, 2, ...; RoPE uses 2i / head_dim "
        "(torch.arange(0, head_dim, 2) / head_dim)": _scaled(
            inv_half, 2 * math.pi / inv_half, L, lo, hi, f),
        "inv_freq is 1 / theta_base ** (2i / head_dim); the inverse was forgotten": _scaled(
            1 / inv, 2 * math.pi * inv, L, lo, hi, f),
        "smooth is (L / wavelength - lo) / (hi - lo); it was computed from wavelength / L":
            _scaled(inv, wavelen, L, lo, hi, f, ratio_flipped=True),
        "the band in between is divided by factor, like the slow band: the thresholds are "
        "swapped (low_freq_factor and high_freq_factor exchanged?), or the blend is replaced "
        "by inv_freq / factor; wavelengths above L / low_freq_factor are divided, those "
        "below L / high_freq_factor kept, and the ones between blended":
            _scaled(inv, wavelen, L, hi, lo, f),
        "the condition is reversed: the fast frequencies (wavelength below L / "
        "high_freq_factor) were divided by factor and the slow ones kept; divide where the "
        "wavelength is above L / low_freq_factor": _scaled(inv, wavelen, L, lo, hi, f,
                                                           fast_divided=True),
        "freq_config is ignored: Llama 3.2's values (factor 32, low_freq_factor 1, "
        "high_freq_factor 4, original_context_length 8192) are fixed in the code; read them "
        "from freq_config": _scaled(inv, wavelen, 8192, 1.0, 4.0, 32.0),
        "original_context_length is fixed at Llama 3.2's 8192; read it from freq_config":
            _scaled(inv, wavelen, 8192, lo, hi, f),
        "theta_base is ignored (RoPE's usual 10,000 is fixed in the code): inv_freq = 1 / "
        "theta_base ** (2i / head_dim)": _scaled(inv_10k, 2 * math.pi / inv_10k, L, lo, hi, f),
        "theta_base is ignored (Llama 3's 500,000 is fixed in the code; right only where "
        "theta_base is 500,000): inv_freq = 1 / theta_base ** (2i / head_dim)":
            _scaled(inv_500k, 2 * math.pi / inv_500k, L, lo, hi, f),
        "the wavelength is pi / inv_freq (the 2 is missing): it is 2 * math.pi / inv_freq":
            _scaled(inv, math.pi / inv, L, lo, hi, f),
        "the blend multiplies by factor, (1 - smooth) * inv_freq * factor, while the slow band "
        "divides: both divide, (1 - smooth) * inv_freq / factor + smooth * inv_freq":
            _scaled(inv, wavelen, L, lo, hi, 1 / f, slow_factor=f),
        "pi was rounded (3.14?): the wavelength is 2 * math.pi / inv_freq":
            _scaled(inv, 2 * 3.14 / inv, L, lo, hi, f),
        "smooth was not divided by (hi - lo): smooth = (L / wavelength - lo) / (hi - lo)":
            _scaled(inv, wavelen, L, lo, lo + 1, f, thresholds=(lo, hi)),
        "the slow frequencies (wavelength above L / low_freq_factor) were multiplied by "
        "factor; divide them by it": _scaled(inv, wavelen, L, lo, hi, f, slow_factor=1 / f),
        "factor is fixed at Llama 3.2's 32; read it from freq_config['factor']":
            _scaled(inv, wavelen, L, lo, hi, 32.0),
        "every inv_freq is 1: the exponents are all 0, an integer division (torch.arange(0, "
        "head_dim, 2) // head_dim); divide as floats, torch.arange(0, head_dim, 2).float() / "
        "head_dim": _scaled(ones, 2 * math.pi / ones, L, lo, hi, f),
        "the exponents are 1, 3, 5, ... over head_dim (torch.arange(1, head_dim, 2)); they "
        "are 0, 2, 4, ...: torch.arange(0, head_dim, 2) / head_dim":
            _scaled(inv_odd, 2 * math.pi / inv_odd, L, lo, hi, f),
        "smooth was divided by high_freq_factor alone; divide by (hi - lo): smooth = "
        "(L / wavelength - lo) / (hi - lo)": _scaled(inv, wavelen, L, lo, hi, f, denom=hi),
        "smooth uses L * inv_freq; L / wavelength is L * inv_freq / (2 pi): smooth = (L / "
        "wavelength - lo) / (hi - lo) with wavelength = 2 * pi / inv_freq":
            _scaled(inv, wavelen, L, lo, hi, f, smooth_ratio=L * inv),
        "smooth's L / wavelength is pi ** 2 times too large: L * inv_freq / 2 * math.pi "
        "divides by 2 and then MULTIPLIES by pi (left to right); write L * inv_freq / (2 * "
        "math.pi), or L / wavelength with wavelength = 2 * math.pi / inv_freq":
            _scaled(inv, wavelen, L, lo, hi, f, smooth_ratio=L * inv / 2 * math.pi),
        "the fast band is blended too (there smooth is above 1, which pushes the frequency "
        "past inv_freq): keep the frequencies with wavelengths below L / high_freq_factor as "
        "they are, and blend only between the two thresholds":
            torch.where(wavelen > L / lo, inv / f,
                        (1 - (L / wavelen - lo) / (hi - lo)) * inv / f
                        + (L / wavelen - lo) / (hi - lo) * inv),
        "the slow band is blended too (there smooth is below 0, which pushes the frequency "
        "below inv_freq / factor, even negative): divide the frequencies with wavelengths "
        "above L / low_freq_factor by factor, and blend only between the two thresholds":
            torch.where(wavelen < L / hi, inv, blend_all),
        "the branches of torch.where are swapped: the middle band got the other bands' rule "
        "(inv_freq kept) and the other bands the blend; torch.where(condition, value where "
        "True, value where False), so torch.where(middle, blended, other bands)":
            torch.where((wavelen <= L / lo) & (wavelen >= L / hi), inv, blend_all),
        "the exponents are 4i / head_dim: the step of 2 is taken twice (i from range(0, "
        "head_dim, 2) AND 2 * i); use 2 * i for i in range(head_dim // 2), or "
        "torch.arange(0, head_dim, 2) / head_dim": _scaled(inv4, 2 * math.pi / inv4, L, lo, hi, f),
        "the slow band starts at L * low_freq_factor; its edge is the wavelength L / "
        "low_freq_factor (the same only where low_freq_factor is 1): divide by factor where "
        "the wavelength is above L / low_freq_factor":
            torch.where((wavelen <= L / lo) & (wavelen >= L / hi),
                        _scaled(inv, wavelen, L, lo, hi, f),
                        torch.where(wavelen > L * lo, inv / f, inv)),
        "the slow band's edge is L itself (original_context_length, the / low_freq_factor "
        "dropped; the same only where low_freq_factor is 1, as in Llama 3.2): the slow band "
        "starts above the wavelength L / low_freq_factor, and the blend runs from L / "
        "high_freq_factor up to that edge": _scaled(inv, wavelen, L, lo, hi, f,
                                                  thresholds=(1.0, hi)),
        "the slow band's test is wavelength > L (original_context_length, the / "
        "low_freq_factor dropped; the same only where low_freq_factor is 1), so wavelengths "
        "between L / low_freq_factor and L fall in no band and keep inv_freq: divide by "
        "factor where the wavelength is above L / low_freq_factor":
            torch.where(mid, _scaled(inv, wavelen, L, lo, hi, f),
                        torch.where(wavelen > L, inv / f, inv)),
        "the band edges are L * low_freq_factor and L * high_freq_factor; they are the "
        "wavelengths L / low_freq_factor (above: divided) and L / high_freq_factor (below: "
        "kept)": _scaled(inv, wavelen, L, lo, hi, f, thresholds=(1 / lo, 1 / hi)),
        "the exponents run from 0 to 1 (torch.linspace(0, 1, head_dim // 2), or 2i divided "
        "by head_dim - 2); they are 2i / head_dim, from 0 to (head_dim - 2) / head_dim: "
        "torch.arange(0, head_dim, 2) / head_dim":
            _scaled(inv_lin, 2 * math.pi / inv_lin, L, lo, hi, f),
        "the blend is applied to every frequency, with no bands: smooth is above 1 in the "
        "fast band and below 0 in the slow one, which pushes both past their values; keep "
        "the fast band, divide the slow band by factor, and blend only between the two "
        "thresholds (or clamp smooth to [0, 1])":
            (1 - (L / wavelen - lo) / (hi - lo)) * inv / f + (L / wavelen - lo) / (hi - lo) * inv,
        "smooth uses L * factor (the extended context) over the wavelength; the blend uses "
        "the original length: smooth = (original_context_length / wavelength - lo) / (hi - "
        "lo)": _scaled(inv, wavelen, L, lo, hi, f, smooth_ratio=L * f / wavelen),
        "L is original_context_length * factor (the extended context); the bands use the "
        "original length itself, L = freq_config['original_context_length']":
            _scaled(inv, wavelen, L * f, lo, hi, f),
        "operator precedence: theta_base ** torch.arange(0, head_dim, 2) / head_dim raises "
        "theta_base to 0, 2, 4, ... and THEN divides by head_dim; put the exponent in "
        "parentheses, 1.0 / theta_base ** (torch.arange(0, head_dim, 2) / head_dim)":
            _scaled(inv_p1, 2 * math.pi / inv_p1, L, lo, hi, f),
        "operator precedence: 1.0 / theta_base ** torch.arange(0, head_dim, 2) / head_dim "
        "raises theta_base to 0, 2, 4, ... and divides the result by head_dim; put the "
        "exponent in parentheses, 1.0 / theta_base ** (torch.arange(0, head_dim, 2) / "
        "head_dim)": _scaled(inv_p2, 2 * math.pi / inv_p2, L, lo, hi, f),
        "smooth's divisor is (lo - hi), which is negative, so smooth has the wrong sign: "
        "smooth = (L / wavelength - lo) / (hi - lo)":
            _scaled(inv, wavelen, L, lo, hi, f, denom=lo - hi),
        "each result, after the three bands, is divided by factor once more (the slow band "
        "twice): divide only the slow band, keep the fast one, blend the middle one":
            _scaled(inv, wavelen, L, lo, hi, f) / f,
        "these are the wavelengths, 2 pi / frequency: return the scaled frequencies "
        "themselves (inv_freq after the bands), not 2 * pi / inv_freq":
            2 * math.pi / _scaled(inv, wavelen, L, lo, hi, f),
        "the blend lost its (1 - smooth): yours is inv_freq / factor + smooth * inv_freq, so "
        "the slow end keeps its full weight as smooth grows; blend with (1 - smooth) * "
        "inv_freq / factor + smooth * inv_freq": torch.where(mid, inv / f + smooth * inv, right),
        "smooth is a straight line in the WAVELENGTH between the edges, (L / lo - wavelength) "
        "/ (L / lo - L / hi); it is a straight line in L / wavelength, smooth = (L / "
        "wavelength - lo) / (hi - lo)": torch.where(
            mid, (1 - by_wave) * inv / f + by_wave * inv, right),
        "your wavelengths are rounded to whole numbers (torch.round or round() on 2 pi / "
        "inv_freq) before the bands and the blend, which moves smooth a little: keep them "
        "exact, wavelength = 2 * pi / inv_freq": _scaled(inv, torch.round(wavelen), L, lo, hi,
                                                           f),
        "your wavelengths are rounded down to whole numbers (int(), math.floor or // on 2 pi "
        "/ inv_freq) before the bands and the blend, which moves smooth a little: keep them "
        "exact, wavelength = 2 * pi / inv_freq": _scaled(inv, torch.floor(wavelen), L, lo, hi,
                                                           f),
        "your frequencies are the right ones in reverse order, slowest first (exponents "
        "counted down, or a .flip / sort?): inv_freq[0] is theta_base ** 0 = 1, the fastest, "
        "then they fall, torch.arange(0, head_dim, 2) / head_dim": right.flip(0),
        **mixed,
    }


def _scaled(inv, wavelen, L, lo, hi, f, swap=False, ratio_flipped=False, fast_divided=False,
            thresholds=None, slow_factor=None, denom=None, smooth_ratio=None):
    """Llama 3's scaling with a chosen wavelength, thresholds, factor and blend (the mistakes):
    ``thresholds`` gives the (lo, hi) of the bands when the blend uses other ones, and
    ``slow_factor`` the factor of the slow band when it differs from the blend's; ``denom``
    replaces smooth's divisor ``hi - lo`` and ``smooth_ratio`` its ``L / wavelength``."""
    ratio = smooth_ratio if smooth_ratio is not None else (
        wavelen / L if ratio_flipped else L / wavelen)
    smooth = (ratio - lo) / (denom or hi - lo)
    if swap:
        smooth = 1 - smooth
    blended = (1 - smooth) * inv / f + smooth * inv
    lo, hi = thresholds or (lo, hi)
    divided = wavelen < L / hi if fast_divided else wavelen > L / lo
    out = torch.where(divided, inv / (slow_factor or f), inv)
    return torch.where((wavelen <= L / lo) & (wavelen >= L / hi), blended, out)


class _ReadSpy(dict):
    """A freq_config that records the keys read one at a time; any bulk access (items(),
    a copy, ``**`` unpacking, iteration) makes the record no evidence."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read, self.bulk = set(), False

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def keys(self):
        self.bulk = True
        return super().keys()

    def values(self):
        self.bulk = True
        return super().values()

    def items(self):
        self.bulk = True
        return super().items()

    def copy(self):
        self.bulk = True
        return super().copy()

    def __iter__(self):
        self.bulk = True
        return super().__iter__()


def _unread_keys(impl, head_dim, base, freq):
    """The settings of freq_config the answer never reads (None when unknown)."""
    spy = _ReadSpy(freq)
    try:  # the answer itself: the argument guard's snapshot reads every item of the spy
        getattr(impl, "__wrapped__", impl)(head_dim, base, spy)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if spy.bulk or not spy.read:
        return None
    return [k for k in freq if k not in spy.read]


_KEPT = []  # the config dicts given to the answer in one check, alive until the next check


def _config(freq):
    """A new copy of ``freq`` for one call, kept alive for the rest of the check: a cache keyed
    by id(freq_config) then never meets a freed dict's id again by chance."""
    _KEPT.append(dict(freq))
    return _KEPT[-1]


def _handed_out_changed(got, run, what):
    """Fail when ``got`` shares memory with an earlier case's result that no longer holds its
    right values: a kept tensor handed out and then changed in place by this later call."""
    earlier_what, earlier, expected = run[:3]
    if isinstance(got, torch.Tensor) and isinstance(earlier, torch.Tensor) and \
            got.numel() and earlier.numel() and \
            got.untyped_storage().data_ptr() == earlier.untyped_storage().data_ptr() and \
            earlier.shape == expected.shape and not torch.allclose(earlier.double(),
                                                                   expected.double(),
                                                                   atol=1e-9, rtol=1e-4):
        raise CheckFailure(
            f"{what} returned the same tensor (the same memory) as {earlier_what}, and that "
            "earlier result has changed since it was returned: your code keeps a tensor "
            "between calls (a cache of the base frequencies?) and changes it in place "
            "(inv_freq /= factor, inv_freq[mask] = ...), so each call scales it again and "
            "every earlier caller's frequencies change too; compute into new tensors each "
            "call (inv_freq / factor, torch.where) and never hand out a kept tensor")


@one_thread
def check_llama3_frequencies(impl):
    _KEPT.clear()
    cases = [(64, 500_000.0, LLAMA32_FREQ),
             (128, 500_000.0, {**LLAMA32_FREQ, "factor": 8.0}),
             (32, 10_000.0, {"factor": 4.0, "low_freq_factor": 2.0, "high_freq_factor": 8.0,
                             "original_context_length": 256})]
    gots = {}  # the answer's output per case; a fresh copy's reruns are not kept

    def call(answer, i):
        what, got = _frequency_call(answer, *cases[i])
        if answer is impl:
            gots[i] = what, got
        return what, got
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(impl, [(f"case {i + 1}", lambda answer, i=i: call(answer, i))
                                    for i in range(len(cases))], probe_first=False))
    runs = [(*gots[i], _reference_inv_freq(*c), _frequency_mistakes(*c))
            for i, c in enumerate(cases)]  # (what, yours, reference, mistakes) per case
    # A cause is named only when it reproduces every case: in one configuration two mistakes
    # can give the same numbers (no band in between, say).
    causes = [c for c in runs[0][3] if all(
        _likely(got, {c: m[c]}, atol=1e-9, rtol=1e-4) for _, got, _, m in runs)]
    passing = [what for what, got, expected, _ in runs
               if _likely(got, {"": expected}, atol=1e-9, rtol=1e-4) is not None]
    unread = None if len(passing) == len(runs) else _unread_keys(impl, *cases[0])
    if unread:  # two mistakes with equal numbers: the keys never read tell them apart
        causes = [c for c in causes if any(c.startswith(f"freq_config['{k}'] was read from")
                                           for k in unread)] + causes
    def compare(answer, i):
        (what, got, expected, _), (head_dim, base, freq) = runs[i], cases[i]
        if answer is not impl:
            got = call(answer, i)[1]
        fallback = causes[0] if causes else _where_off(got, expected, head_dim, base, freq,
                                                       passing)
        fixed = _fixed_setting(got, head_dim, base, freq, unread, cases) if unread else None
        if unread and not causes and fixed:
            fallback = fixed
        elif unread and not causes:
            fallback = (f"freq_config[{unread[0]!r}] is never read"
                        + (f" (nor {', '.join(repr(k) for k in unread[1:])})"
                           if unread[1:] else "")
                        + ": a value fixed in the code? read every setting from freq_config. "
                        + fallback)
        assert_close(got, expected, what, atol=1e-9, rtol=1e-4, hint=fallback)
    check_cases(state_probed(impl, [(f"case {i + 1}", lambda answer, i=i: compare(answer, i))
                                    for i in range(len(cases))], probe_first=False))
    # a second call with the first case's head_dim but another theta_base and config
    def second(answer):
        freq = {"factor": 16.0, "low_freq_factor": 1.0, "high_freq_factor": 2.0,
                "original_context_length": 1024}
        what = "a second call, llama3_inv_freq(64, 10000, factor=16, L=1024)"
        got = call_answer(answer, (64, 10_000.0, _config(freq)), what)
        first = runs[0][1]
        _handed_out_changed(got, runs[0], what)
        if isinstance(got, torch.Tensor) and got.shape == first.shape and \
                torch.equal(got, first):
            raise CheckFailure(f"{what} returned the first call's result (head_dim 64, "
                               "theta_base 500000, factor 32): something is kept between "
                               "calls (a cache keyed by head_dim alone?); compute from all "
                               "three arguments each time")
        expected = _reference_inv_freq(64, 10_000.0, freq)
        assert_close(_tensor_of(got, what, (32,)), expected, what, atol=1e-9, rtol=1e-4,
                     hint=_where_off(got, expected, 64, 10_000.0, freq, [r[0] for r in runs]))

    # a third call repeating the second case's head_dim and theta_base with another config
    def third(answer):
        freq = {"factor": 4.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                "original_context_length": 2048}
        what = "a third call, llama3_inv_freq(128, 500000, factor=4, L=2048)"
        got = call_answer(answer, (128, 500_000.0, _config(freq)), what)
        _handed_out_changed(got, runs[1], what)
        if isinstance(got, torch.Tensor) and got.shape == runs[1][1].shape and \
                torch.equal(got, runs[1][1]):
            raise CheckFailure(f"{what} returned the result of the earlier call with the same "
                               "head_dim and theta_base, llama3_inv_freq(128, 500000, "
                               "factor=8, L=8192): something is kept between calls (a cache "
                               "keyed by head_dim and theta_base, without freq_config?); "
                               "compute from all three arguments each time")
        expected = _reference_inv_freq(128, 500_000.0, freq)
        assert_close(_tensor_of(got, what, (64,)), expected, what, atol=1e-9, rtol=1e-4,
                     hint=_where_off(got, expected, 128, 500_000.0, freq,
                                     [r[0] for r in runs]))
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(impl, [("a second call", second), ("a third call", third)]))
    # the first case's head_dim, theta_base and factor with other bands: a cache keyed by some
    # of the settings only returns the first case's frequencies
    freq = {**LLAMA32_FREQ, "high_freq_factor": 2.0, "original_context_length": 4096}

    def again(answer):
        got = _tensor_of(call_answer(answer, (64, 500_000.0, _config(freq)), "the call"),
                         "the call", (32,))
        expected = _reference_inv_freq(64, 500_000.0, freq)
        assert_close(got, expected, "the frequencies", atol=1e-9, rtol=1e-4,
                     hint=_where_off(got, expected, 64, 500_000.0, freq, []))
    check_cases(state_probed(impl, [("a fourth call, llama3_inv_freq(64, 500000, factor=32, "
                                     "hi=2, L=4096)", again)]))
    # edges that are not whole numbers: L / lo = 353.67 with a wavelength of 353.33 just below it
    freq = {"factor": 8.0, "low_freq_factor": 3.0, "high_freq_factor": 7.0,
            "original_context_length": 1061}
    what = "a fifth call, llama3_inv_freq(64, 10000, factor=8, lo=3, hi=7, L=1061)"
    got = _tensor_of(call_answer(impl, (64, 10_000.0, _config(freq)), what), what, (32,))
    expected = _reference_inv_freq(64, 10_000.0, freq)
    inv = 1.0 / 10_000.0 ** (torch.arange(0, 64, 2).double() / 64)
    floored = _scaled(inv, 2 * math.pi / inv, 1061, 3.0, 7.0, 8.0,
                      thresholds=(1061 / (1061 // 3), 1061 / (1061 // 7)))
    assert_close(got, expected, what, atol=1e-9, rtol=1e-4, hint=(
        "your band edges are rounded down to whole numbers (L // low_freq_factor = 353 and L "
        "// high_freq_factor = 151, where L / lo = 353.67 and L / hi = 151.57), so the "
        "wavelength 353.33 moved from the blend into the slow band: divide with /, not //"
        if _likely(got, {"": floored}, atol=1e-9, rtol=1e-4) is not None else
        _where_off(got, expected, 64, 10_000.0, freq, [r[0] for r in runs])))
    # head_dim 96 (Phi-3's): 2i / 96 is no short binary fraction, unlike 2i / 64, so
    # exponents rounded to a low precision show
    what96 = "a sixth call, llama3_inv_freq(96, 500000, factor=32, L=8192)"
    got96 = _tensor_of(call_answer(impl, (96, 500_000.0, _config(LLAMA32_FREQ)), what96),
                       what96, (48,))
    expected96 = _reference_inv_freq(96, 500_000.0, LLAMA32_FREQ)
    low = {}
    for name, dtype in (("float16", torch.float16), ("bfloat16", torch.bfloat16)):
        inv = 1.0 / 500_000.0 ** (torch.arange(0, 96, 2, dtype=dtype) / 96).double()
        low[name] = _scaled(inv, 2 * math.pi / inv, 8192, 1.0, 4.0, 32.0)
    rounded = _likely(got96, low, atol=1e-9, rtol=1e-4)
    assert_close(got96, expected96, what96, atol=1e-9, rtol=1e-4, hint=(
        f"yours matches exponents 2i / head_dim rounded to {rounded} (right for head_dim 64 "
        "and 128, where 2i / head_dim is a short binary fraction that any float holds "
        "exactly): compute the exponents in float32, torch.arange(0, head_dim, 2).float() / "
        "head_dim" if rounded else
        _where_off(got96, expected96, 96, 500_000.0, LLAMA32_FREQ, [r[0] for r in runs])))
    # a low_freq_factor that puts one wavelength exactly on the edge L / lo: there the blend
    # (smooth = 0) and the slow band agree, inv_freq / factor; only keeping it is wrong
    inv = 1.0 / 10_000.0 ** (torch.arange(0, 64, 2).float() / 64)
    edge = float(2 * math.pi / inv[24])  # 6283.19, a float32 value L / lo gives back exactly
    freq = {"factor": 2.5, "low_freq_factor": 1024 / edge, "high_freq_factor": 4096 / edge,
            "original_context_length": 1024}  # factors that are not whole numbers, lo < 1
    what = ("a seventh call, llama3_inv_freq(64, 10000, factor=2.5, lo=1024 / 6283.19 = 0.163, "
            "hi=4 * lo, L=1024), where the wavelength at i = 24 is exactly L / low_freq_factor")
    got = _tensor_of(call_answer(impl, (64, 10_000.0, _config(freq)), what, hints=[(
        ZeroDivisionError, "the earlier calls ran, and this one has low_freq_factor 0.163 and "
        "high_freq_factor 0.652, below 1: a factor made a whole number (int(...), round or "
        "//) becomes 0; keep the factors as they are, floats")]), what, (32,))
    expected = _reference_inv_freq(64, 10_000.0, freq)
    wrong = ((got.double() - expected).abs() > 1e-9 + 1e-4 * expected.abs()).nonzero()
    kept = wrong.flatten().tolist() == [24] and abs(float(got[24]) / float(inv[24]) - 1) < 1e-4
    whole = _likely(got, {"": _reference_inv_freq(64, 10_000.0, {**freq, "factor": 2.0})},
                    atol=1e-9, rtol=1e-4) is not None
    assert_close(got, expected, what, atol=1e-9, rtol=1e-4, hint=(
        "yours is the result for factor 2, where this call's factor is 2.5 (the earlier "
        "calls' factors were whole numbers): factor was made a whole number (int(...), // or "
        "round); keep it as it is, a float" if whole else
        f"at i = 24 the wavelength {edge:.6g} sits exactly on the edge L / low_freq_factor, "
        "where the blend (smooth = 0) and the slow band both give inv_freq / factor; yours "
        "keeps inv_freq itself, as if that wavelength belonged to neither band: your edges are "
        "strict on both sides (wavelength > L / lo divides, and the blend needs wavelength < "
        "L / lo); the blend includes its edges, L / high_freq_factor <= wavelength <= L / "
        "low_freq_factor" if kept else
        _where_off(got, expected, 64, 10_000.0, freq, [r[0] for r in runs])))
    # one config dict changed in place between two calls (a notebook trying another factor)
    def edited(answer):
        config = _config(LLAMA32_FREQ)
        first = call_answer(answer, (64, 500_000.0, config), "llama3_inv_freq(64, 500000, "
                            "config) with config['factor'] = 32")
        if config != LLAMA32_FREQ:  # the answer edits its argument: the guard reports it
            return
        config["factor"] = 8.0
        what = "the same call after config['factor'] = 8.0 was set in place on that dict"
        got = _tensor_of(call_answer(answer, (64, 500_000.0, config), what), what, (32,))
        if isinstance(first, torch.Tensor) and first.shape == got.shape and \
                torch.equal(first, got):
            raise CheckFailure(f"{what} returned the result for factor 32, the dict's old "
                               "value: your code keeps state between calls, a cache keyed by "
                               "the dict object (id(freq_config)) or by the arguments' "
                               "identity, which a config changed in place still matches; "
                               "compute from the values in freq_config on every call")
        expected = _reference_inv_freq(64, 500_000.0, config)
        assert_close(got, expected, what, atol=1e-9, rtol=1e-4,
                     hint=_where_off(got, expected, 64, 500_000.0, config, []))
    check_cases(state_probed(impl, [("a config changed in place between two calls", edited)]))
    # the caller owns its result: changing it in place must not change a later call's
    with torch.no_grad():
        got.mul_(2.0)
    what = ("the fifth call again, after the caller doubled its first result in place "
            "(inv_freq.mul_(2))")
    again = _tensor_of(call_answer(impl, (64, 10_000.0, _config(freq)), what), what, (32,))
    if torch.allclose(again.double(), 2.0 * expected, atol=1e-9, rtol=1e-4):
        raise CheckFailure(f"{what} returned the doubled values: both calls hand out the same "
                           "tensor, kept between calls (a cache, functools.lru_cache or a dict, "
                           "that returns its stored tensor), so a caller that changes its "
                           "result in place changes every later result; compute a new tensor "
                           "on every call (or return a .clone() of the cached one)")
    check_cases(state_probed(impl, [("the arguments passed by name", _frequencies_by_name),
                                    ("no scaling (factor 1)", _no_scaling)]))


def _no_scaling(impl):
    """factor 1 (a config that scales nothing): every band gives inv_freq itself, in float32
    as for the scaled calls above; a shortcut for factor == 1 that returns the frequencies
    before their cast (computed in float64, say) shows only here."""
    freq = {**LLAMA32_FREQ, "factor": 1.0}
    what = "llama3_inv_freq(64, 500000, factor=1, L=8192) (no scaling)"
    got = call_answer(impl, (64, 500_000.0, _config(freq)), what)
    if isinstance(got, torch.Tensor) and got.dtype != torch.float32:
        raise CheckFailure(f"{what} returned {got.dtype}, while the scaled calls above gave "
                           "float32: a shortcut for factor == 1 (nothing to scale) returns "
                           "the frequencies before their cast to float32 (computed in "
                           f"{got.dtype}?); return float32 for every config, or drop the "
                           "shortcut: with factor 1 the three bands give inv_freq anyway")
    got = _tensor_of(got, what, (32,))
    assert_close(got, _reference_inv_freq(64, 500_000.0, freq), what, atol=1e-9, rtol=1e-4,
                 hint=_where_off(got, _reference_inv_freq(64, 500_000.0, freq), 64, 500_000.0,
                                 freq, []))


def _frequencies_by_name(impl):
    """llama3_inv_freq(head_dim=..., theta_base=..., freq_config=...): the parameters under
    the docstring's names. A renamed one (``base``, ``rope_base``, ``rope_scaling``) works
    when called by position only."""
    config = _config(LLAMA32_FREQ)
    what = ("llama3_inv_freq(head_dim=64, theta_base=500000.0, freq_config=config) (passed "
            "by name)")
    got = call_by_name(impl, what, "def llama3_inv_freq(head_dim, theta_base, freq_config)",
                       head_dim=64, theta_base=500_000.0, freq_config=config)
    got = _tensor_of(got, what, (32,))
    assert_close(got, _reference_inv_freq(64, 500_000.0, LLAMA32_FREQ), what, atol=1e-9,
                 rtol=1e-4)


def _bare_bit_compare(answer):
    """A precedence note for a line where a comparison has a bare & or | beside it (Python
    reads ``a <= b & c >= d`` as ``a <= (b & c) >= d``), or "" when no line does."""
    try:
        tree = ast.parse(answer_source(answer) or "")
    except SyntaxError:
        return ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
                isinstance(o, ast.BinOp) and isinstance(o.op, (ast.BitAnd, ast.BitOr))
                for o in (node.left, *node.comparators)):
            return (f"line {node.lineno} holds a comparison with a bare & or | beside it, "
                    f"{ast.unparse(node)}: Python's & and | bind tighter than <, <=, > and "
                    ">=, so the & joins the numbers between the comparisons (a float & a "
                    "tensor here); put each comparison in parentheses, "
                    "(wavelen <= L / lo) & (wavelen >= L / hi)")
    return ""


def _frequency_call(answer, head_dim, base, freq):
    """The answer's frequencies for one case, failing on a wrong shape or dtype."""
    what = (f"llama3_inv_freq({head_dim}, {base:g}, factor={freq['factor']:g}, "
            f"L={freq['original_context_length']})")
    precedence = _bare_bit_compare(answer)
    got = call_answer(answer, (head_dim, base, _config(freq)), what, hints=[
        *([("bitwise_", precedence)] if precedence else []),
        ("'dict'", "a dict took part in arithmetic: the arguments come in the order "
         "(head_dim, theta_base, freq_config), theta_base a number and freq_config the "
         "dict"),
        (KeyError, "freq_config holds exactly the keys factor, low_freq_factor, "
         "high_freq_factor and original_context_length (Llama 3.2's RoPE scaling): read "
         "each under its own name, the length as freq_config['original_context_length']")])
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != (head_dim // 2,):
        n = got.numel() if isinstance(got, torch.Tensor) else None
        why = (": torch.arange(0, head_dim // 2, 2) steps by 2 over half the range; the "
               "exponents are torch.arange(0, head_dim, 2) / head_dim, head_dim // 2 values"
               if n == head_dim // 4 else
               ": the head_dim // 2 frequencies twice over (torch.cat((inv, inv)), as "
               "the cos/sin tables repeat them); return each frequency once"
               if n == head_dim and got.dim() == 1 and torch.equal(
                   got[: head_dim // 2], got[head_dim // 2:]) else
               ": one per dimension; there is one frequency per PAIR of dimensions, "
               "torch.arange(0, head_dim, 2) / head_dim (step 2)" if n == head_dim else
               f": one frequency too many ({n} = head_dim // 2 + 1): the exponents run "
               "past the last one, (head_dim - 2) / head_dim (an end of head_dim + 1, or "
               "range(head_dim // 2 + 1)?); torch.arange(0, head_dim, 2) stops before "
               "head_dim" if n == head_dim // 2 + 1 else
               f": one frequency short ({n} = head_dim // 2 - 1): an end of head_dim - 2 "
               "(or range(1, ...)) drops an exponent; torch.arange(0, head_dim, 2) gives "
               "head_dim // 2 of them" if n == head_dim // 2 - 1 else "")
        raise CheckFailure(f"{what} must return a tensor of shape ({head_dim // 2},), got "
                           f"{tuple(got.shape) if n is not None else type(got).__name__}"
                           f"{why}")
    if got.dtype != torch.float32:
        why = ("a float64 inv_freq turns the cos/sin tables, and then the queries and keys "
               "they rotate, float64, which no longer match float32 or bfloat16 weights"
               if got.dtype == torch.float64 else
               f"a {got.dtype} inv_freq is rounded (bfloat16 keeps about 3 significant "
               "digits, float16 about 4), and position * inv_freq magnifies that rounding "
               "into wrong angles at long positions; leave the cast to the model's dtype to "
               "the cos/sin tables" if got.is_floating_point() else
               "an integer inv_freq rounds every frequency below 1 to 0")
        raise CheckFailure(f"{what} returned {got.dtype}; RoPE's frequencies are float32, "
                           "torch's default (torch.arange(0, head_dim, 2).float() / "
                           f"head_dim): {why}")
    return what, got


def _fixed_setting(got, head_dim, base, freq, unread, cases):
    """Replay the reference with one unread setting at another case's (or Llama 3.1's) value."""
    for key in unread:
        values = {c[2][key] for c in cases} | {LLAMA32_FREQ[key]}
        values |= {8.0} if key == "factor" else set()  # Llama 3.1's factor
        for value in sorted(v for v in values if v != freq[key]):
            replay = _reference_inv_freq(head_dim, base, {**freq, key: value})
            if torch.allclose(got.double(), replay, atol=1e-9, rtol=1e-4):
                return (f"freq_config[{key!r}] is never read, and your result is the "
                        f"reference's with {key}={value:g} in every band, while this case has "
                        f"{key}={freq[key]:g}: a value fixed in the code; read "
                        f"freq_config[{key!r}]")
    return None


def _tensor_of(got, what, shape):
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != shape:
        raise CheckFailure(f"{what} must return a tensor of shape {shape}, got "
                           f"{getattr(got, 'shape', type(got).__name__)}")
    return got


def _where_off(got, expected, head_dim, base, freq, passing):
    """A plain statement of the first wrong frequency: its band and the numbers involved."""
    bad = ((got.double() - expected).abs() > 1e-9 + 1e-4 * expected.abs()).nonzero()
    i = int(bad[0]) if len(bad) else 0
    inv = 1.0 / base ** (2 * i / head_dim)
    wavelen = 2 * math.pi / inv
    L, lo, hi = (freq["original_context_length"], freq["low_freq_factor"],
                 freq["high_freq_factor"])
    band = (f"above L / low_freq_factor = {L / lo:g}: the slow band, divided by factor "
            f"{freq['factor']:g}" if wavelen > L / lo else
            f"below L / high_freq_factor = {L / hi:g}: the fast band, kept as it is"
            if wavelen < L / hi else
            f"between L / high_freq_factor = {L / hi:g} and L / low_freq_factor = {L / lo:g}: "
            f"the blended band, smooth = {(L / wavelen - lo) / (hi - lo):.4f}")
    ratio = got.double() / expected
    if bool(torch.isfinite(ratio).all()) and (ratio - ratio[0]).abs().max() <= 1e-4 * \
            ratio[0].abs():
        return (f"yours is {float(ratio[0]):.6g} times the expected value at every i, the "
                "same factor in all three bands: the bands are right, and an extra constant "
                "multiplies or divides the whole result (look for a factor, 2 pi or head_dim "
                "applied once too often, or one missing)")
    if torch.allclose(got.double().sort().values, expected.sort().values, atol=1e-9,
                      rtol=1e-4):
        moved = int(((got.double() - expected).abs() > 1e-9 + 1e-4 * expected.abs()).sum())
        return (f"yours holds exactly the right {len(expected)} values, but {moved} of them sit "
                f"at another i (first at i = {i}: yours {float(got[i]):.6g}, expected "
                f"{float(expected[i]):.6g}): the order is wrong (a sort, a flip, or exponents "
                "in another order?); return inv_freq[i] for i = 0 .. head_dim // 2 - 1, "
                "falling from 1")
    f = freq["factor"]
    steps = torch.arange(0, head_dim, 2).double() / head_dim
    waves = 2 * math.pi * base ** steps
    bands = [("fast", waves < L / hi), ("blended", (waves >= L / hi) & (waves <= L / lo)),
             ("slow", waves > L / lo)]
    wrong = (got.double() - expected).abs() > 1e-9 + 1e-4 * expected.abs()
    where = "; ".join(f"{name} band {n}/{int(m.sum())}" for name, m in bands
                      if (n := int((wrong & m).sum())))
    where = f" (wrong values per band: {where}, of i = 0 .. {head_dim // 2 - 1})"
    if wrong.nonzero().flatten().tolist() == [len(wrong) - 1] and len(wrong) > 2:
        j = len(wrong) - 1  # only the last value: what it equals, if another i's value
        twin = next((t for t in range(j) if abs(float(got[j]) - float(expected[t]))
                     <= 1e-4 * abs(float(expected[t]))), None)
        where += (f"; only the LAST frequency, i = {j}, is wrong, every other is right"
                  + (f", and yours there is the value of i = {twin}" if twin is not None else "")
                  + ": something treats the last entry differently (an exponent, slice or "
                  "loop one short at the end, a value written over it?)")
    by_f = float(got[i]) * f / float(expected[i]) if float(got[i]) else 0.0
    if f != 1 and abs(by_f - 1) < 1e-4:
        band += (f"; yours there is the expected value divided by factor {f:g} once more (the "
                 "value was scaled twice: bands applied one after the other to the already "
                 "scaled frequencies, or a wavelength recomputed from them?); decide every "
                 "band from the UNSCALED inv_freq and scale each value once")
    elif f != 1 and abs(by_f - f * f) < 1e-4 * f * f:
        band += (f"; yours there is the expected value times factor {f:g}: multiplied where it "
                 "should be divided?")
    elif wavelen >= L / hi and f != 1 and _edges_used(got, base, head_dim, freq):
        band += _edges_used(got, base, head_dim, freq)
    elif wavelen > L / lo and f != 1 and _slow_readback(got, base, head_dim, freq, bands[2][1]):
        band += _slow_readback(got, base, head_dim, freq, bands[2][1])
    elif L / hi <= wavelen <= L / lo and f != 1 and _blend_ends(got, base, head_dim, freq,
                                                                  bands[1][1]):
        band += _blend_ends(got, base, head_dim, freq, bands[1][1])
    elif L / hi <= wavelen <= L / lo and f != 1:  # read back the smooth the answer blended with
        yours = (float(got[i]) - inv / f) / (inv - inv / f)
        kept, cut = abs(yours - 1) < 1e-3, abs(yours) < 1e-3
        band += (f"; yours is inv_freq {'itself' if kept else 'divided by factor'}, as if it "
                 f"were in the {'fast' if kept else 'slow'} band: your band edges or your "
                 "wavelength differ (the wavelength is 2 * pi / inv_freq, the edges L / "
                 "high_freq_factor and L / low_freq_factor)" if kept or cut else
                 f"; yours is the blend with smooth = {yours:.4g}" + _smooth_shape(
                     got, base, head_dim, freq, bands[1][1]))
    elif wavelen < L / hi and i > 0 and not _exponent_hint(got, base, head_dim, bands[0][1]):
        band += (f"; there the result is inv_freq itself, and yours is right for i < {i}, so "
                 "this frequency was moved out of the fast band: check the wavelength, 2 * pi "
                 "/ inv_freq, and the edge it is compared with, L / high_freq_factor"
                 + _edges_used(got, base, head_dim, freq))
    elif wavelen < L / hi and i > 0:
        band += _exponent_hint(got, base, head_dim, bands[0][1])
    elif wavelen < L / hi and 0 < float(got[0]) < 1 and abs(
            -math.log(float(got[0])) / math.log(base) * head_dim - 2) < 1e-3:
        band += ("; at i = 0 the exponent must be 0 (inv_freq[0] = 1), and yours is 2 / "
                 "head_dim: the exponents start at 2, not 0 (i counted from 1?); use "
                 "torch.arange(0, head_dim, 2) / head_dim")
    elif wavelen < L / hi:
        band += ("; there the result is inv_freq itself, so yours differs already before any "
                 "scaling: check the unscaled frequency (the exponent 2i / head_dim, the "
                 "inverse 1 / theta_base ** ..., theta_base), or what changed this band")
    return (f"at i = {i} the unscaled frequency is theta_base ** (-2i / head_dim) = {inv:.6g} "
            f"with wavelength 2 pi / inv_freq = {wavelen:.6g}, {band}; yours is "
            f"{float(got[i]):.6g}, expected {float(expected[i]):.6g}{where}"
            + (f" (right for {' and '.join(passing)}: compare what that case's settings change)"
               if passing else ""))


def _edges_used(got, base, head_dim, freq):
    """Read back the band edges yours used: the longest wavelength it keeps as inv_freq and the
    shortest from which it divides by factor, against L / high_freq_factor and L / lo."""
    L, lo, hi, f = (freq["original_context_length"], freq["low_freq_factor"],
                    freq["high_freq_factor"], freq["factor"])
    inv = 1.0 / base ** (torch.arange(0, head_dim, 2).double() / head_dim)
    waves, g = 2 * math.pi / inv, got.double()
    kept = ((g - inv).abs() <= 1e-4 * inv).tolist()
    cut = ((g - inv / f).abs() <= 1e-4 * inv / f).tolist()
    n = len(kept)
    a = next((j for j in range(n) if not kept[j]), n) - 1  # kept for i <= a
    b = next((j for j in range(n - 1, -1, -1) if not cut[j]), -1) + 1  # divided for i >= b
    if f == 1 or a < 0 or b >= n or a + 1 >= b or any(kept[a + 1:]) or any(cut[:b]):
        return ""
    fast = (float(waves[a]) / (L / hi), float(waves[a + 1]) / (L / hi))
    slow = (float(waves[b - 1]) / (L / lo), float(waves[b]) / (L / lo))
    if fast[0] < 1 <= fast[1] and slow[0] <= 1 < slow[1]:  # the edges are right
        return ""
    named = next((w for c, w in [
        (2 * math.pi, "2 pi (a wavelength without 2 pi, 1 / inv_freq, or edges with an extra "
                      "2 pi?)"),
        (2.0, "2 (a wavelength of pi / inv_freq, not 2 pi / inv_freq?)"),
        (2 / 3, "2 / 3 (a wavelength of 3 pi / inv_freq?)"),
        (0.5, "1 / 2 (a wavelength of 4 pi / inv_freq?)"),
        (math.pi, "pi"), (1 / (2 * math.pi), "1 / (2 pi)"),
        (f, "factor (edges from the extended context, L * factor?)"), (1 / f, "1 / factor")]
        if fast[0] < c <= fast[1] and slow[0] <= c < slow[1]), "")
    return (f"; read back, yours keeps inv_freq up to the wavelength {float(waves[a]):.6g} and "
            f"divides by factor from {float(waves[b]):.6g} on, where the edges are L / "
            f"high_freq_factor = {L / hi:g} and L / low_freq_factor = {L / lo:g}: your edges "
            f"are {fast[0]:.3g} .. {fast[1]:.3g} and {slow[0]:.3g} .. {slow[1]:.3g} times the "
            "right ones" + (f", both about {named}" if named else ""))


def _slow_readback(got, base, head_dim, freq, slow):
    """In the slow band yours should be inv_freq / factor: name what yours is there instead,
    when one expression fits every value of the band."""
    idx = slow.nonzero().flatten()
    f = freq["factor"]
    inv = 1.0 / base ** (2 * idx.double() / head_dim)
    g = got.double()[idx]
    for want, words in [(1 / (inv * f), "1 / (inv_freq * factor): a reciprocal too many"),
                        (f / inv, "factor / inv_freq: the reciprocal of the right value"),
                        (2 * math.pi / inv / f, "the wavelength / factor, 2 pi / inv_freq / "
                         "factor: a wavelength returned, not a frequency"),
                        (2 * math.pi / inv * f, "the wavelength * factor: the slow band's "
                         "stretched wavelength returned, not its frequency"),
                        (inv / f**2, "inv_freq / factor ** 2: divided twice"),
                        (torch.floor(inv / f), "0, inv_freq // factor: a floor division (//), "
                         "which rounds every slow frequency (all below 1) down to 0; divide "
                         "with /")]:
        if len(idx) and bool(((g - want).abs() <= 1e-4 * want.abs()).all()):
            return f"; in the whole slow band yours is {words}"
    div = inv / g  # what yours divides the slow frequencies by, when one number fits them all
    if len(idx) and bool(torch.isfinite(div).all()) and \
            bool(((div - div[0]).abs() <= 1e-4 * div[0].abs()).all()):
        d = float(div[0])
        named = next((w for v, w in [(math.sqrt(f), "sqrt(factor)"), (f / 2, "factor / 2"),
                                     (f - 1, "factor - 1"), (2 * f, "2 * factor"),
                                     (math.log(f), "log(factor)")] if abs(d - v) < 1e-4 * v),
                     None)
        return (f"; in the whole slow band yours is inv_freq divided by {d:.6g}"
                + (f" = {named}" if named else "") + f", not by factor = {f:g}: divide the "
                "slow frequencies by freq_config['factor'] itself")
    return ""


def _smooth_shape(got, base, head_dim, freq, mid):
    """Read back the smooth of every value in the blended band (yours = (1 - s) * inv / factor
    + s * inv): the right smooth is a straight line in L / wavelength, so say whether yours
    is one (smooth's formula differs) or not (the blend itself is another formula)."""
    idx = mid.nonzero().flatten()
    L, lo, hi, f = (freq["original_context_length"], freq["low_freq_factor"],
                    freq["high_freq_factor"], freq["factor"])
    inv = 1.0 / base ** (2 * idx.double() / head_dim)
    ratio = L * inv / (2 * math.pi)  # L / wavelength
    yours = (got.double()[idx] - inv / f) / (inv - inv / f)
    right = (ratio - lo) / (hi - lo)
    rest = ("check smooth's formula, (L / wavelength - lo) / (hi - lo) with L = "
            "original_context_length and wavelength = 2 * pi / inv_freq")
    if len(idx) < 3 or not bool(torch.isfinite(yours).all()):
        return f" where smooth = {float(right[0]):.4g}: {rest}"
    # the right smooth with something else around it: one factor on the whole blend, or a
    # slow end divided by another number than factor (both read back at every index)
    want = (1 - right) * inv / f + right * inv
    times = got.double()[idx] / want
    if (times - times.mean()).abs().max() < 1e-5 * times.abs().mean():
        return (f" where smooth = {float(right[0]):.4g}, but every value of the blended band "
                f"is {float(times.mean()):.6g} times the expected one ({len(idx)} of "
                f"{len(idx)}), so smooth is right and a factor multiplies the whole blend: "
                "(1 - smooth) * inv_freq / factor + smooth * inv_freq, with nothing around it")
    slow = (1 - right) * inv / (got.double()[idx] - right * inv)  # the divisor yours implies
    if bool(torch.isfinite(slow).all()) and \
            (slow - slow.mean()).abs().max() < 1e-4 * slow.abs().mean():
        return (f" where smooth = {float(right[0]):.4g}, and yours is the right blend with its "
                f"slow end divided by {float(slow.mean()):.6g} instead of factor = {f:g} "
                "(read back at every index of the band): (1 - smooth) * inv_freq / factor "
                "+ smooth * inv_freq, with freq_config['factor'] itself")
    B = float(((ratio - ratio.mean()) * (yours - yours.mean())).sum()
              / (ratio - ratio.mean()).pow(2).sum())
    A = float(yours.mean()) - B * float(ratio.mean())
    pairs = ", ".join(f"{float(y):.3g} for {float(r):.3g}" for y, r in
                      zip(yours[:4], right[:4]))
    if (yours - A - B * ratio).abs().max() > 1e-3 * yours.abs().max():
        elementwise = describe_elementwise(yours, right)  # smooth squared, clamped, ...
        if elementwise:
            return (f" where smooth = {float(right[0]):.4g}; read back over the whole band, "
                    "your smooth is the right one with a function applied: "
                    + elementwise.replace("What differs: e", "e").rstrip(".")
                    + "; smooth is (L / wavelength - lo) / (hi - lo) as it is, and the blend "
                    "(1 - smooth) * inv_freq / factor + smooth * inv_freq uses it unchanged")
        return (f" where smooth = {float(right[0]):.4g} (read back over the whole band, "
                f"smooth yours vs expected: {pairs}): yours is not a straight blend in L / "
                "wavelength at all, so the blend's formula itself differs, not just smooth "
                "(a blend of the wavelengths, a geometric or a squared blend?): the band in "
                "between is (1 - smooth) * inv_freq / factor + smooth * inv_freq, linear in "
                "smooth")
    div, sub = 1 / B if B else 0.0, -A / B if B else 0.0  # yours = (L / wl - sub) / div
    said = [f"divided by {w} = {v:g} instead of hi - lo = {hi - lo:g}" for v, w in [
        (hi, "high_freq_factor"), (lo, "low_freq_factor"), (hi + lo, "hi + lo"),
        (lo - hi, "lo - hi"), ((hi - lo) ** 2, "(hi - lo) ** 2, the difference twice")]
        if abs(div - v) < 1e-4 * abs(v) and abs(v - (hi - lo)) > 1e-9]
    said += [f"with {w} = {v:g} subtracted instead of lo = {lo:g}" for v, w in [
        (hi, "high_freq_factor"), (0.0, "nothing")] if abs(sub - v) < 1e-4 * max(1.0, abs(v))
        and abs(v - lo) > 1e-9]
    slope = B * (hi - lo)  # 1 when L / wavelength comes in as it should
    if abs(A + lo / (hi - lo)) < 1e-4 * max(1.0, abs(lo / (hi - lo))) and f != 1:
        said += [f"with L / wavelength {how} factor = {f:g} (the rest of smooth is right): "
                 f"{why}" for v, how, why in [
                     (1 / f, "divided by", "smooth is computed from the scaled frequency "
                      "inv_freq / factor (its wavelength is factor times longer), or from L "
                      "/ factor; take it from the unscaled inv_freq and L itself"),
                     (f, "multiplied by", "the extended context L * factor, or the "
                      "wavelength of inv_freq * factor, stands in for L / wavelength; take "
                      "L = original_context_length and wavelength = 2 * pi / inv_freq")]
                 if abs(slope - v) < 1e-4 * v]
    return (f" where smooth = {float(right[0]):.4g}; read back over the band, yours is "
            f"{B:.4g} * L / wavelength {A:+.4g}, expected {1 / (hi - lo):.4g} * L / "
            f"wavelength {-lo / (hi - lo):+.4g}"
            + (f": yours is (L / wavelength - {sub:.4g}) / {div:.4g}, " + " and ".join(said)
               if said else "") + f": {rest}")


def _blend_ends(got, base, head_dim, freq, mid):
    """Across the blended band yours / inv_freq should be 1 / factor + (1 - 1 / factor) *
    smooth: fit A + B * smooth there and, when a line fits (3 points or more) whose ends are
    known values but not the right pair, say what the blend's slow end (smooth = 0) and fast
    end (smooth = 1) are."""
    idx = mid.nonzero().flatten()
    if len(idx) < 3:
        return ""
    inv = 1.0 / base ** (2 * idx.double() / head_dim)
    L, lo, hi, f = (freq["original_context_length"], freq["low_freq_factor"],
                    freq["high_freq_factor"], freq["factor"])
    smooth = (L * inv / (2 * math.pi) - lo) / (hi - lo)
    y = got.double()[idx] / inv
    B = float(((smooth - smooth.mean()) * (y - y.mean())).sum() / (smooth - smooth.mean())
              .pow(2).sum())
    A = float(y.mean()) - B * float(smooth.mean())
    if (y - A - B * smooth).abs().max() > 1e-4 * y.abs().max():
        return ""
    slow, fast = A, A + B
    if abs(slow - 1 / f) < 1e-4 / f and abs(fast - 1) < 1e-4:
        return ""
    for end, other, term, rest in ((fast, slow, "smooth * inv_freq", "(1 - smooth) * inv_freq "
                                    "/ factor"), (slow, fast, "(1 - smooth) * inv_freq / "
                                                  "factor", "smooth * inv_freq")):
        if abs(end) < 1e-6 and abs(other - (1 / f if end is fast else 1.0)) < 1e-4 * other:
            return (f"; across the blended band yours is {rest} alone (read back at every "
                    f"index of the band): the blend's other term, {term}, is missing or "
                    "zeroed there (a band mask multiplied into it, or the term dropped); the "
                    "band in between is (1 - smooth) * inv_freq / factor + smooth * inv_freq")
    def said(v):
        return next((w for want, w in [(1.0, "inv_freq"), (1 / f, "inv_freq / factor"),
                                       (1 / f**2, "inv_freq / factor ** 2 (divided twice)"),
                                       (f, "inv_freq * factor"),
                                       (1 / hi, "inv_freq / high_freq_factor"),
                                       (1 / lo, "inv_freq / low_freq_factor")]
                     if abs(v - want) < 1e-4 * want), None)
    if said(slow) is None or said(fast) is None:  # a scaled smooth fits a line as well
        return ""
    return (f"; across the blended band yours is a straight blend, but from {said(slow)} at "
            f"smooth = 0 to {said(fast)} at smooth = 1, where it runs from inv_freq / factor "
            "to inv_freq: (1 - smooth) * inv_freq / factor + smooth * inv_freq, each end "
            "scaled once")


def _exponent_hint(got, base, head_dim, fast):
    """In the fast band (kept as it is) yours should be theta_base ** (-2i / head_dim): read
    back the exponents yours used there, and a denominator other than head_dim if one fits."""
    idx = [j for j in range(1, head_dim // 2) if fast[j] and float(got[j]) > 0]
    if not idx:
        return ""
    used = [-math.log(float(got[j])) / math.log(base) for j in idx]
    ratio = [u / (2 * j / head_dim) for u, j in zip(used, idx)]
    fits = sum(abs(r - ratio[0]) < 1e-3 * ratio[0] for r in ratio)  # the edge may move
    if fits < max(2, len(ratio) // 2) or abs(ratio[0] - 1) < 1e-4:
        return ""
    denom = head_dim / ratio[0]
    theta = base ** ratio[0]  # yours = theta ** (-2i / head_dim) for this theta
    known = next((t for t in (10_000.0, 500_000.0, 1_000_000.0, 50_000.0)
                  if abs(theta - t) < 1e-3 * t and t != base), None)
    if known is not None:
        return (f"; there yours is not inv_freq, nor inv_freq / factor: in {fits} of the "
                f"{len(ratio)} fast-band i > 0 yours is theta ** (-2i / head_dim) with theta = "
                f"{known:,.0f}, not theta_base = {base:,.0f}: a theta fixed in the code? use the "
                "theta_base argument")
    return (f"; there yours is not inv_freq, nor inv_freq / factor: the unscaled frequency "
            f"itself differs, with the exponent {used[0]:.5g} at i = {idx[0]} where 2i / "
            f"head_dim = {2 * idx[0] / head_dim:.5g}; in {fits} of the {len(ratio)} fast-band "
            f"i > 0 your exponents are {ratio[0]:.5g} times 2i / head_dim, 2i / {denom:.4g}"
            + (f" (head_dim {'-' if round(denom) < head_dim else '+'} "
               f"{abs(head_dim - round(denom))})" if abs(denom - round(denom)) < 1e-3
               and round(denom) != head_dim else "")
            + ": the exponent is torch.arange(0, head_dim, 2) / head_dim")


# --- ex5_21: SwiGLU feed-forward ------------------------------------------------------------------


def _swiglu_mistakes(ff, x):
    a, b = ff.fc1(x), ff.fc2(x)
    w1, w2, w3 = ff.fc1.weight, ff.fc2.weight, ff.fc3.weight
    # a weight reshaped (or viewed) to (in_features, out_features) where a transpose was meant
    flat = {f"{name}'s weight is reshaped to (in_features, out_features) = {tuple(w.shape[::-1])}"
            f" and multiplied, x @ self.{name}.weight.reshape(...) (or .view): a reshape keeps "
            "the values in memory order and scrambles the rows; nn.Linear stores (out_features, "
            f"in_features), so transpose it, .T or .mT, or call the layer itself, self.{name}(h)":
            value for name, w, value in (
                ("fc1", w1, ff.fc3(F.silu(x @ w1.reshape(w1.shape[1], w1.shape[0])) * b)),
                ("fc2", w2, ff.fc3(F.silu(a) * (x @ w2.reshape(w2.shape[1], w2.shape[0])))),
                ("fc3", w3, (F.silu(a) * b) @ w3.reshape(w3.shape[1], w3.shape[0])))}
    return {
        **flat,
        "the gate is on the wrong branch: SiLU goes on fc1 (the gate), fc2 is the linear "
        "branch: fc3(silu(fc1(x)) * fc2(x))": ff.fc3(F.silu(b) * a),
        "GELU is used where Llama uses SiLU (x * sigmoid(x))": ff.fc3(F.gelu(a) * b),
        "GELU's tanh approximation (GPT-2's activation) is used where Llama uses SiLU, "
        "x * sigmoid(x) (F.silu)": ff.fc3(F.gelu(a, approximate="tanh") * b),
        "ReLU is used where Llama uses SiLU (x * sigmoid(x))": ff.fc3(F.relu(a) * b),
        "fc2's branch is missing from the product: yours is fc3(silu(fc1(x))), the gate "
        "alone (fc2(x) computed but never used, or the product written into fc2's output in "
        "place and the gate passed on instead); multiply silu(fc1(x)) by fc2(x) before fc3":
            ff.fc3(F.silu(a)),
        "SiLU is applied after the product: it goes on fc1(x) alone":
            ff.fc3(F.silu(a * b)),
        "the gate uses sigmoid(x); SiLU is x * sigmoid(x) (F.silu)":
            ff.fc3(torch.sigmoid(a) * b),
        "the gate is sigmoid(h) squared, h = fc1(x): an in-place h.sigmoid_() (or "
        "torch.sigmoid(h, out=h)) overwrote h before h multiplied it, so h.sigmoid_() * h is "
        "sigmoid(h) * sigmoid(h); SiLU is h * sigmoid(h) with h kept, F.silu(h)":
            ff.fc3(torch.sigmoid(a) ** 2 * b),
        "the two branches are added; the gate MULTIPLIES them: fc3(silu(fc1(x)) * fc2(x))":
            ff.fc3(F.silu(a) + b),
        "fc2 is never used: the second branch is fc2(x), not fc1(x) again: "
        "fc3(silu(fc1(x)) * fc2(x))": ff.fc3(F.silu(a) * a),
        "fc1 is never used: the gate is silu(fc1(x)), not silu(fc2(x)): "
        "fc3(silu(fc1(x)) * fc2(x))": ff.fc3(F.silu(b) * b),
        "SiLU is applied to the input x before fc1; it goes on fc1's output, the gate: "
        "fc3(silu(fc1(x)) * fc2(x))": ff.fc3(ff.fc1(F.silu(x)) * b),
        "SiLU is applied to both branches; only the gate fc1(x) goes through it, fc2(x) "
        "stays linear: fc3(silu(fc1(x)) * fc2(x))": ff.fc3(F.silu(a) * F.silu(b)),
        "the input x is added to the output (the shortcut): the transformer block adds it "
        "around the feed-forward, so the module itself returns fc3(silu(fc1(x)) * fc2(x))":
            ff.fc3(F.silu(a) * b) + x,
        "this is GLU, fc1(x) * sigmoid(fc2(x)) (F.glu of the two halves): SwiGLU passes the "
        "gate through SiLU and multiplies, silu(fc1(x)) * fc2(x)": ff.fc3(a * torch.sigmoid(b)),
        "the SiLU uses tanh: SiLU is a * sigmoid(a), not a * tanh(a) (F.silu)":
            ff.fc3(a * torch.tanh(a) * b),
        "the gate is tanh(fc1(x)); SwiGLU's gate is SiLU, fc1(x) * sigmoid(fc1(x)) (F.silu)":
            ff.fc3(torch.tanh(a) * b),
        "the SiLU has a factor inside the sigmoid (a * sigmoid(1.702 a), GELU's sigmoid "
        "approximation): SiLU is a * sigmoid(a) (F.silu)":
            ff.fc3(a * torch.sigmoid(1.702 * a) * b),
        "SiLU is applied to fc3's output as well; the output projection fc3 has no "
        "activation after it: fc3(silu(fc1(x)) * fc2(x))": F.silu(ff.fc3(F.silu(a) * b)),
        **{f"x is normalised inside the feed-forward ({how}) before fc1 and fc2: the "
           "block's norm2 does that before calling it, so the module reads x as it is, "
           "fc3(silu(fc1(x)) * fc2(x))": ff.fc3(F.silu(ff.fc1(n)) * ff.fc2(n))
           for how, n in [("F.layer_norm", F.layer_norm(x, x.shape[-1:])),
                          ("RMS norm", x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)),
                          ("F.normalize, unit length", F.normalize(x, dim=-1))]},
        **{f"{where} is rounded to {name} and back ({how}.to(torch.{name}), about {digits} "
           "significant digits) on its way through the layer: the whole feed-forward stays "
           "in x's dtype; leave the casts to the model's dtype, model.to(...)": value
           for name, dtype, digits in (("bfloat16", torch.bfloat16, 3),
                                       ("float16", torch.float16, 4))
           for where, how, value in (
               ("fc2(x), the up branch,", "fc2(x)", ff.fc3(F.silu(a) * b.to(dtype).to(b.dtype))),
               ("the product silu(fc1(x)) * fc2(x)", "the product",
                ff.fc3((F.silu(a) * b).to(dtype).to(b.dtype))),
               ("the output", "fc3(...)", ff.fc3(F.silu(a) * b).to(dtype).to(x.dtype)),
               ("the input x", "x", ff.fc3(F.silu(ff.fc1(x.to(dtype).to(x.dtype)))
                                           * ff.fc2(x.to(dtype).to(x.dtype)))))},
    }


def _rounded_up(size, m):
    """``size`` rounded up to a multiple of ``m``."""
    return -(-size // m) * m


def _hidden_rounded_up(impl, cfg, got_h):
    """' ...' when the layers' hidden size ``got_h`` is cfg['hidden_dim'] rounded up to a
    multiple (Llama 2's ``multiple_of``, a power of two from 8 to 1024), confirmed by a second
    config whose hidden_dim rounds up by the same multiple (so a size that matches 4 * emb_dim
    or a fixed size by chance is told apart), else ''."""
    hidden = cfg["hidden_dim"]
    fits = [m for m in (8, 16, 32, 64, 128, 256, 512, 1024) if _rounded_up(hidden, m) == got_h]
    if not fits:
        return ""
    other = got_h + 1  # rounds up to got_h + m; a fixed size or 4 * emb_dim stays got_h
    try:
        got2 = impl({**cfg, "hidden_dim": other}).fc1.weight.shape[0]
    except Exception:  # noqa: BLE001 - no second reading: no evidence
        return ""
    m = next((m for m in fits if _rounded_up(other, m) == got2), None)
    if m is None:
        return ""
    return (f" All three layers use a hidden size of {got_h}: cfg['hidden_dim'] = {hidden} "
            f"rounded up to a multiple of {m} (with hidden_dim = {other} yours uses {got2}; "
            "Llama 2's multiple_of habit?); the config's hidden_dim is the size itself, "
            "use it as it is: nn.Linear(cfg['emb_dim'], cfg['hidden_dim'], bias=False).")


@one_thread
def check_swiglu_feed_forward(impl):
    gen = torch.Generator().manual_seed(21)
    # the last: large inputs (x * 8), so fc1(x) reaches far past +-3 (a clamped gate shows)
    # the third: a GPT-2 style config that also holds qkv_bias=True and drop_rate=0.1 (for the
    # attention and the shortcuts only)
    sizes = [(8, 20, (2, 3), 1.0), (12, 16, (1, 5), 1.0), (6, 30, (3, 2), 1.0, True),
             (8, 12, (1, 4), 8.0)]
    runs = (_swiglu_float64, _swiglu_own_seed, _swiglu_grad, _swiglu_no_tokens,
            _swiglu_keeps_dtype, _swiglu_half)
    total = len(sizes) + len(runs)
    cases = [(f"case {i + 1} of {total}", lambda answer, size=size: _swiglu_case(
        answer, *size[:4], gen, *size[4:])) for i, size in enumerate(sizes)]
    cases += [(f"case {len(sizes) + 1 + i} of {total}", run) for i, run in enumerate(runs)]
    cases.append(("the config passed by name", _swiglu_by_name))
    # a failure that a freshly loaded copy avoids is named as state kept between calls
    check_cases(state_probed(impl, cases))


def _swiglu_by_name(impl):
    """SwiGLUFeedForward(cfg=...): the constructor's parameter under the docstring's name (a
    renamed ``config`` works when called by position only)."""
    cfg = {"emb_dim": 6, "hidden_dim": 10}
    what = "SwiGLUFeedForward(cfg={'emb_dim': 6, 'hidden_dim': 10}) (passed by name)"
    ff = call_by_name(impl, what, "SwiGLUFeedForward(cfg)", cfg=dict(cfg))
    ref = SwiGLUFeedForward(cfg)
    ref.load_state_dict(ff.state_dict())
    x = torch.randn(2, 3, 6, generator=torch.Generator().manual_seed(46))
    assert_close(ff(x).detach(), ref(x).detach(), what, atol=1e-5)


def _swiglu_case(impl, emb_dim, hidden, shape, scale, gen, qkv_bias=False):
    """One case of check_swiglu_feed_forward: a layer of these sizes on a ``shape`` input of
    standard normal values times ``scale``; ``qkv_bias`` adds that key (and a drop_rate) to the
    config, as GPT-2 style configs hold them."""
    cfg = {"emb_dim": emb_dim, "hidden_dim": hidden,
           **({"qkv_bias": True, "drop_rate": 0.1} if qkv_bias else {})}
    given = dict(cfg)  # a model builds every block's feed-forward from one shared cfg
    try:
        ff = impl(given)
    except KeyError as err:
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) raised KeyError ({err}): cfg holds "
                           "the keys the exercise names, emb_dim and hidden_dim (the "
                           "book's Llama config has more, such as dtype); read only those, "
                           "or others with cfg.get(key, default)") from err
    except AttributeError as err:
        if "'dict' object has no attribute" not in str(err):
            raise
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) raised AttributeError ({err}): cfg "
                           "is a dict, so its values are read with brackets, "
                           "cfg['emb_dim'] and cfg['hidden_dim'], not cfg.emb_dim") from err
    except TypeError as err:
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) raised TypeError ({err}): the "
                           "constructor takes one argument, the config dict cfg, and reads "
                           "cfg['emb_dim'] and cfg['hidden_dim'] from it, "
                           "SwiGLUFeedForward(cfg)") from err
    if given != cfg:
        gone = sorted(set(cfg) - set(given))
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) changed the cfg it was given in place, "
                           "now "
                           f"{given}" + (f" (removed {', '.join(map(repr, gone))}: "
                                         "cfg.pop(...)?)" if gone else "") +
                           ": a model builds every block's feed-forward from the same cfg, so "
                           "the next block finds it changed; read the values, "
                           "cfg['hidden_dim'], and leave cfg as it is")
    lazy = [n for n, v in ff.named_parameters()
            if isinstance(v, torch.nn.parameter.UninitializedParameter)]
    if lazy:
        raise CheckFailure(f"after SwiGLUFeedForward({cfg}) {', '.join(lazy)} "
                           f"{'is' if len(lazy) == 1 else 'are'} not initialised (nn.LazyLinear?): "
                           "a lazy layer gets its input width and its weights only at the first "
                           "forward, so the new layer has no shape to load Llama's weights into "
                           "and cannot be counted; give the width from the config, "
                           "nn.Linear(cfg['emb_dim'], cfg['hidden_dim'], bias=False)")
    shapes = {k: tuple(v.shape) for k, v in ff.state_dict().items()}
    want = {"fc1.weight": (hidden, emb_dim), "fc2.weight": (hidden, emb_dim),
            "fc3.weight": (emb_dim, hidden)}
    if shapes != want:
        # a bias of a linear layer (its module also holds a 2-D weight); a norm layer's bias
        # (beside a 1-D weight) is an extra module, named below
        extra = " Llama's layers have no biases: bias=False." if any(
            k.endswith("bias") and len(shapes.get(k[:-4] + "weight", ())) == 2
            for k in shapes) else ""
        if extra and qkv_bias and not any(k.endswith("bias") for k in impl(
                {**cfg, "qkv_bias": False}).state_dict()):
            extra += (" With qkv_bias=False in the same config it has none: the biases "
                      "follow cfg['qkv_bias'], the attention's setting (True in GPT-2 style "
                      "configs); the feed-forward has no bias whatever the config says.")
        nested = sorted(k for k in shapes if k.count(".") > 1 and k[:4] in (
            "fc1.", "fc2.", "fc3."))
        if not shapes:
            extra += (" It holds no weights at all: create the three nn.Linear layers in "
                      "__init__ and keep them as attributes (self.fc1 = nn.Linear(...)); "
                      "layers made inside forward, or kept in a plain list or dict, are "
                      "not registered, so they are neither trained nor saved (and inside "
                      "forward they get new random weights on every call).")
        elif nested:
            extra += (f" {nested[0]} sits one level down (an nn.Sequential holding the "
                      "layer, and the SiLU too?): make fc1, fc2 and fc3 the nn.Linear "
                      "layers themselves and apply F.silu in forward.")
        elif set(want) < {k for k in shapes if not k.endswith("bias")} and all(
                shapes[k] == want[k] for k in want):
            more = {k: v for k, v in shapes.items() if k not in want and (
                not k.endswith("bias") or len(shapes.get(k[:-4] + "weight", ())) < 2)}
            # a parameter of the module itself, 0-D or 1-D: Swish's beta; a submodule's 1-D
            # weight of emb_dim: a norm layer (LayerNorm, RMSNorm), not a beta
            small = [k for k, v in more.items() if len(v) < 2 and "." not in k]
            norms = [k.rsplit(".", 1)[0] for k, v in more.items() if "." in k
                     and not k.endswith("bias") and v == (emb_dim,)]
            extra += (f" fc1, fc2 and fc3 are right, but it also holds {more}: remove "
                      "them, the feed-forward has these three weights only" + (
                          f" ({small[0]} looks like Swish's learned beta, x * sigmoid("
                          "beta * x); Llama's SiLU has no parameter: F.silu)"
                          if small else f" ({norms[0]} holds a 1-D weight of emb_dim = "
                          f"{emb_dim}, as a norm layer does (nn.LayerNorm, RMSNorm): the "
                          "transformer block normalises x before it calls the feed-forward, "
                          "which holds no norm of its own)" if norms else "") + ".")
        elif set(shapes) & {"fc1", "fc2", "fc3"}:  # nn.Parameter(...) kept as self.fc1
            bare = sorted(set(shapes) & {"fc1", "fc2", "fc3"})
            verb = "is a bare tensor" if len(bare) == 1 else "are bare tensors"
            extra += (f" {', '.join(bare)} {verb} of the module (nn.Parameter or a buffer), "
                      "not nn.Linear layers: make fc1, fc2 and fc3 nn.Linear(..., bias=False) "
                      "layers, whose weights are fc1.weight, fc2.weight and fc3.weight (the "
                      "names Llama's weights load into).")
        elif "fc2.weight" not in shapes and shapes.get("fc1.weight") == (2 * hidden, emb_dim):
            extra += (f" fc1 holds 2 * hidden_dim = {2 * hidden} rows and there is no fc2: the "
                      "gate and up projections are fused into one layer (split with chunk in "
                      "forward?); keep them as two layers, fc1 (the gate, through SiLU) and "
                      "fc2, each nn.Linear(cfg['emb_dim'], cfg['hidden_dim'], bias=False).")
        elif set(shapes) - {k for k in shapes if k.endswith("bias")} != set(want):
            extra += (" The layers must be named fc1, fc2 and fc3 (the check reads their "
                      "weights by these names).")
        elif shapes.get("fc2.weight") == (emb_dim, hidden) and \
                shapes.get("fc3.weight") == (hidden, emb_dim):
            extra += (" fc2 and fc3 are swapped: fc2 is the second input projection "
                      "(emb_dim -> hidden_dim, like fc1, the branch SiLU does not touch) "
                      "and fc3 the output projection (hidden_dim -> emb_dim); Hugging "
                      "Face's names differ (gate_proj, up_proj, down_proj = fc1, fc2, fc3).")
        elif shapes.get("fc3.weight") == (hidden, emb_dim):
            extra += (" fc3 maps hidden_dim back to emb_dim: nn.Linear(cfg['hidden_dim'], "
                      "cfg['emb_dim'], bias=False).")
        elif any(shapes.get(f"{n}.weight") == (emb_dim, hidden) for n in ("fc1", "fc2")):
            flipped = [n for n in ("fc1", "fc2") if shapes.get(f"{n}.weight") == (emb_dim,
                                                                                   hidden)]
            verb = "has its" if len(flipped) == 1 else "have their"
            extra += (f" {' and '.join(flipped)} {verb} sizes in the other order, hidden_dim "
                      "-> emb_dim: nn.Linear takes (in_features, out_features), and fc1 and "
                      "fc2 both read x, so both are nn.Linear(cfg['emb_dim'], "
                      "cfg['hidden_dim'], bias=False); only fc3 maps hidden_dim back to "
                      "emb_dim.")
        elif shapes.get("fc2.weight") == (hidden, hidden) and \
                shapes.get("fc1.weight") == (hidden, emb_dim):
            extra += (" fc2 maps hidden_dim to hidden_dim, as if it came after fc1 in a "
                      "chain: it is the second branch and reads x itself, so it maps "
                      "emb_dim to hidden_dim like fc1, nn.Linear(cfg['emb_dim'], "
                      "cfg['hidden_dim'], bias=False), and forward multiplies the two, "
                      "fc3(silu(fc1(x)) * fc2(x)).")
        if shapes.get("fc1.weight") == (emb_dim, emb_dim) and \
                shapes.get("fc2.weight") == (emb_dim, emb_dim):
            extra += (f" The hidden size is emb_dim = {emb_dim}: fc1 and fc2 map emb_dim to "
                      f"cfg['hidden_dim'] = {hidden}, and fc3 maps it back.")
        got_h = shapes.get("fc1.weight", (0,))[0]
        rounded = _hidden_rounded_up(impl, cfg, got_h) if got_h > hidden else ""
        if rounded:
            extra += rounded
        elif got_h == 4 * emb_dim:
            extra += (f" The hidden size is 4 * emb_dim = {4 * emb_dim} (GPT-2's rule); "
                      f"use cfg['hidden_dim'] = {hidden}.")
        elif got_h not in (0, emb_dim, hidden) and shapes.get("fc1.weight") == (
                got_h, emb_dim) and shapes.get("fc3.weight") == (emb_dim, got_h):
            rule = {emb_dim * 4 // 3 * 2: "emb_dim * 4 // 3 * 2",
                    int(8 * emb_dim / 3): "int(8 * emb_dim / 3)",
                    2 * emb_dim: "2 * emb_dim"}.get(got_h)
            extra += (f" All three layers use a hidden size of {got_h}, not cfg['hidden_dim']"
                      f" = {hidden}" + (f": {rule} = {got_h}, a size derived from emb_dim "
                                        "(Llama's 8/3 habit?)" if rule else "") +
                      "; the config gives the hidden size: use cfg['hidden_dim'].")
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) has the tensors {shapes}; expected "
                           f"{want}.{extra}")
    odd = sorted({str(p.dtype) for p in ff.parameters()} - {str(torch.get_default_dtype())})
    if odd:
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) holds {', '.join(odd)} weights; create "
                           "the layers in torch's default dtype, nn.Linear(..., bias=False) "
                           "with no dtype= argument (the book's Llama sets cfg['dtype'], "
                           "this config has none): the model's dtype is chosen later, "
                           "with model.to(...)")
    count = sum(p.numel() for p in ff.parameters())  # shared tensors count once
    if count != 3 * hidden * emb_dim:
        layers = [getattr(ff, n, None) for n in ("fc1", "fc2", "fc3")]
        same = [f"fc{i + 1} and fc{j + 1}" for i in range(3) for j in range(i + 1, 3)
                if layers[i] is not None and layers[i] is layers[j]]
        shared = [f"fc{i + 1} and fc{j + 1}" for i in range(3) for j in range(i + 1, 3)
                  if layers[i] is not None and layers[j] is not None
                  and layers[i] is not layers[j]
                  and layers[i].weight is layers[j].weight]
        which = (f"{same[0]} are the same object, one nn.Linear (self.fc1 = self.fc2 = "
                 "nn.Linear(...), or one assigned to the other)" if same else
                 f"{shared[0]} share one weight tensor" if shared else
                 "two of its layers share their weights")
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) holds {count} weights, expected "
                           f"3 x {hidden} x {emb_dim} = {3 * hidden * emb_dim}: {which}; "
                           "make three separate nn.Linear layers, each with its own "
                           "weights")
    ref = SwiGLUFeedForward(cfg)
    ref.load_state_dict(ff.state_dict())
    x = torch.randn(*shape, emb_dim, generator=gen) * scale
    with torch.no_grad():
        try:
            got = ff(x.clone())
        except TypeError as err:
            classes = [(n, v) for n, v in vars(ff).items()
                       if isinstance(v, type) and issubclass(v, torch.nn.Module)]
            if classes and "positional argument" not in str(err):
                name, cls = classes[0]
                raise CheckFailure(f"SwiGLUFeedForward({cfg}) on a {tuple(x.shape)} input "
                                   f"raised TypeError ({err}): self.{name} holds the class "
                                   f"nn.{cls.__name__}, not a layer, so self.{name}(h) "
                                   f"builds a new {cls.__name__} module instead of applying "
                                   f"one; write self.{name} = nn.{cls.__name__}() (with the "
                                   "parentheses), or call F.silu(h)") from err
            if "positional argument" not in str(err):
                raise
            raise CheckFailure(f"SwiGLUFeedForward({cfg}) on a {tuple(x.shape)} input "
                               f"raised TypeError ({err}): forward takes one argument, the "
                               "input x, as the model calls it, self.ff(x)") from err
        except RuntimeError as err:
            if "must match the size" in str(err):
                why = _square_crash_hint(impl) or (
                    "fc3 maps hidden_dim back to emb_dim, so the product goes INTO it: "
                    "fc3(silu(fc1(x)) * fc2(x))")
            elif "batch2 tensor" in str(err) or "batch1 and batch2" in str(err):
                why = ("the two branches are multiplied as matrices (@ or torch.matmul); "
                       "SwiGLU multiplies them elementwise, silu(fc1(x)) * fc2(x), both "
                       "(..., hidden_dim), before fc3")
            elif "cannot be multiplied" in str(err):
                why = _square_crash_hint(impl) or (
                    f"a layer got an input of the wrong width: fc1 and fc2 both take x "
                    f"(emb_dim = {emb_dim} wide), fc3 takes their product (hidden_dim = "
                    f"{hidden} wide): fc3(silu(fc1(x)) * fc2(x))")
            else:
                raise
            raise CheckFailure(f"SwiGLUFeedForward({cfg}) raised RuntimeError ({err}): "
                               f"{why}") from err
        if not isinstance(got, torch.Tensor) or got.shape != x.shape:
            shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got)
            why = (f": its last dimension is hidden_dim = {hidden}, so fc3 is not applied; "
                   "fc3 maps the product back to emb_dim, fc3(silu(fc1(x)) * fc2(x))"
                   if isinstance(got, torch.Tensor) and got.shape[:-1] == x.shape[:-1]
                   and got.shape[-1] == hidden else "")
            raise CheckFailure(f"SwiGLUFeedForward({cfg}) on a {tuple(x.shape)} input "
                               f"returned {shape}; the output must have the input's shape "
                               f"{tuple(x.shape)}{why}")
        if got.dtype != x.dtype:
            why = ("something in forward changes the dtype (a .double(), .float() or .half() on "
                   "a branch, a layer or the result)")
            if _under_autocast(ref, x, got):
                why = (f"yours matches the reference run under torch.autocast(dtype={got.dtype}): "
                       "forward runs in an autocast context, which computes the layers in "
                       "lower precision; leave mixed precision to the caller")
            raise CheckFailure(f"SwiGLUFeedForward({cfg}) on a {x.dtype} input with {x.dtype} "
                               f"layers returned {got.dtype}: {why}; keep every step in x's "
                               "dtype")
        hint = _likely(got, _swiglu_mistakes(ref, x)) or _dropout_hint(ff, x, ref(x), cfg) or \
            _swiglu_contrast(ff, x) or _fc3_layout(ff, x) or _swiglu_linearity(ff, x, got) or (
            "the layers have the right shapes (your weights were copied into the "
            "reference for this comparison), so the forward pass differs from "
            "fc3(silu(fc1(x)) * fc2(x)).")
        relation = describe_difference(got, ref(x), where=False)  # a factor, an offset, ...
        if relation and relation not in hint:
            hint = f"{hint.rstrip('.')}. {relation}"
        large = f" of large values (randn * {scale:g})" if scale != 1.0 else ""
        assert_close(got, ref(x), f"SwiGLUFeedForward({cfg}) on a {tuple(x.shape)} input"
                     f"{large}", atol=1e-5, hint=hint)
        was = ff.training  # generation and evaluation run the model in eval mode
        try:
            in_eval = ff.eval()(x.clone())
        finally:
            ff.train(was)
        if isinstance(in_eval, torch.Tensor) and in_eval.shape == x.shape and \
                not torch.allclose(in_eval, ref(x), atol=1e-5):
            why = ("in eval mode yours equals fc3(fc1(x) * fc2(x)), so the SiLU is applied only "
                   "in training mode (an `if self.training:` around it?)"
                   if torch.allclose(in_eval, ref.fc3(ref.fc1(x) * ref.fc2(x)), atol=1e-5)
                   else "forward depends on self.training (an `if self.training:` branch?)"
                   + (f"; {said[0].lower()}{said[1:].rstrip('.')}" if (said := describe_difference(
                       in_eval, ref(x), where=False)) else ""))
            raise CheckFailure(
                f"SwiGLUFeedForward({cfg}) on a {tuple(x.shape)} input is right in training "
                f"mode but off by up to {(in_eval - ref(x)).abs().max().item():.4g} after "
                f".eval() (as generation and evaluation run it): {why}; the feed-forward has "
                "no dropout, so it computes fc3(silu(fc1(x)) * fc2(x)) in both modes")
        x2 = -0.5 * x.flip(-1) + 0.3  # another input of the same shape, same layer
        with torch.random.fork_rng(devices=[]):  # later cases' weights stay as they were
            again, twin = ff(x2.clone()), impl(dict(cfg))
        twin.load_state_dict(ff.state_dict())
        alone = twin(x2.clone())  # a new layer with the same weights, called once
        if isinstance(again, torch.Tensor) and again.shape == x.shape and \
                isinstance(alone, torch.Tensor) and alone.shape == x.shape and \
                torch.allclose(alone, ref(x2), atol=1e-5) and \
                not torch.allclose(again, ref(x2), atol=1e-5):
            first = " (it returned the FIRST input's output)" if torch.allclose(
                again, ref(x), atol=1e-5) else ""
            raise CheckFailure(
                f"SwiGLUFeedForward({cfg}) was right on its first {tuple(x.shape)} input, "
                "but the same layer called again on another input of that shape is off "
                f"by up to {(again - ref(x2)).abs().max().item():.4g}{first}, while a new "
                "layer with the same weights gets that input right: something from the "
                "first call is kept on the module (the gate silu(fc1(x)) or a "
                "branch cached on self?) and reused; compute both branches from the x "
                "passed in, on every call")
        # a training step: the weights change in place, and the same batch tensor comes again
        batch = x2.clone()
        before = ff(batch)
        for name in ("fc1", "fc2", "fc3"):
            getattr(ff, name).weight.mul_(-0.5)
        ref.load_state_dict(ff.state_dict())
        after = ff(batch)
        if isinstance(after, torch.Tensor) and isinstance(before, torch.Tensor) and \
                after.shape == before.shape == x.shape and torch.equal(after, before) and \
                not torch.allclose(after, ref(batch), atol=1e-5):
            raise CheckFailure(
                f"SwiGLUFeedForward({cfg}) called again on the same {tuple(x.shape)} input "
                "tensor after its weights changed in place (every weight times -0.5, as an "
                "optimizer step changes them) returned exactly its earlier output: a result "
                "kept on the module (cached by the input tensor, its id or shape?) is handed "
                "out again; compute the output from the weights and x on every call")


def _swiglu_grad(impl):
    """The right outputs with a gradient cut (.detach(), .data, torch.no_grad) train wrongly:
    compare every layer's weight gradient and x's with the reference's."""
    cfg = {"emb_dim": 6, "hidden_dim": 14}
    ff = impl(dict(cfg))
    frozen = [name for name, p in ff.named_parameters() if not p.requires_grad]
    if frozen:  # the gradient never reaches them, whatever forward does: name the flag
        raise CheckFailure(
            f"SwiGLUFeedForward({cfg}) has parameters that do not require grad: "
            f"{', '.join(frozen)} (requires_grad=False, requires_grad_(False) or a frozen "
            "layer in __init__), so training never updates them; leave the three nn.Linear "
            "layers' weights trainable, as nn.Linear makes them")
    ref = SwiGLUFeedForward(cfg)
    ref.load_state_dict(ff.state_dict())
    x = torch.randn(2, 3, 6, generator=torch.Generator().manual_seed(5))
    weights = torch.linspace(-1.0, 1.0, x.numel()).reshape(x.shape)
    x_in, x_ref = x.clone().requires_grad_(True), x.clone().requires_grad_(True)
    out = ff(x_in)
    if not out.requires_grad:
        raise CheckFailure("SwiGLUFeedForward's output has no gradient (a torch.no_grad() or "
                           ".detach() in forward?): training could not update its layers")
    (out * weights).sum().backward()
    (ref(x_ref) * weights).sum().backward()
    cut = [name for name in ("fc1", "fc2", "fc3") if getattr(ff, name).weight.grad is None or
           not torch.allclose(getattr(ff, name).weight.grad, getattr(ref, name).weight.grad,
                              atol=1e-5)]
    if x_in.grad is None or not torch.allclose(x_in.grad, x_ref.grad, atol=1e-5):
        cut.append("the input x")
    if cut:
        raise CheckFailure(
            "SwiGLUFeedForward's outputs are right but the gradients reaching "
            f"{', '.join(cut)} are not: a step of forward is cut from autograd (.detach(), "
            ".data, .item() or a torch.no_grad() block around one branch); keep every step a "
            "torch operation on the tensors themselves")


def _swiglu_own_seed(impl):
    """Two modules built after different seeds must get different weights: a constructor that
    seeds the global RNG itself overrides the caller's seed (and every later random draw)."""
    cfg = {"emb_dim": 6, "hidden_dim": 10}
    with torch.random.fork_rng():
        torch.manual_seed(1)
        one = impl(dict(cfg))
        first = one.fc1.weight.detach().clone()
        torch.manual_seed(2)
        two = impl(dict(cfg))
        second = two.fc1.weight.detach().clone()
    shared = [n for n, p in one.named_parameters()
              if p is dict(two.named_parameters()).get(n)]
    if shared:
        raise CheckFailure(f"two SwiGLUFeedForward({cfg}) modules share the parameters "
                           f"{shared} (the same tensor objects): your code keeps state between "
                           "calls, the layers are made once and handed to every module (a "
                           "module-level dict or a class attribute), so every block of a model "
                           "would train one set of weights; create fc1, fc2 and fc3 in "
                           "__init__, on self, for each module")
    if torch.equal(first, second):
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) built after torch.manual_seed(1) and "
                           "after torch.manual_seed(2) gets the same fc1 weights: the "
                           "constructor seeds the global RNG itself (torch.manual_seed inside "
                           "__init__?), which overrides the caller's seed and every random draw "
                           "after it; leave seeding to the caller")


def _swiglu_no_tokens(impl):
    """An input of no tokens (an empty batch of prompts) gives an empty output of its shape;
    a single 1-D token vector and inputs that drive fc1(x) far past +-88 (forward
    and backward) are tried too."""
    cfg = {"emb_dim": 6, "hidden_dim": 10}
    with torch.random.fork_rng(devices=[]):  # later draws stay as they were
        ff = impl(dict(cfg))
    x = torch.zeros(2, 0, 6)
    what = f"SwiGLUFeedForward({cfg}) on a (2, 0, 6) input (no tokens)"
    with torch.no_grad():
        got = call_answer(ff, (x,), what, hints=[("unspecified dimension size -1", (
            "a reshape with -1 cannot tell that size from an empty tensor: name the "
            "sizes, x.reshape(x.shape[:-1].numel(), x.shape[-1]) and back to x.shape, or "
            "skip the reshape, since nn.Linear reads any leading dimensions"))])
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != (2, 0, 6):
        shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__
        raise CheckFailure(f"{what} returned {shape}; expected an empty (2, 0, 6) output, "
                           "the input's shape (nn.Linear handles no tokens)")
    # one token vector, no batch or token axis: nn.Linear takes any leading dims, none too
    x = torch.linspace(-1.5, 2.0, 6)
    what = f"SwiGLUFeedForward({cfg}) on a 1-D (6,) input (a single token vector)"
    one = ("the input is a single vector, (emb_dim,), with no batch or token axis: a "
           "reshape or flatten over the leading dims (x.flatten(0, -2), x.view(-1, x.shape["
           "-2], ...)) or an unpacking such as b, t, d = x.shape needs more dims; nn.Linear "
           "and F.silu take any leading dims, so apply the layers to x as it is")
    with torch.no_grad():
        got = call_answer(ff, (x.clone(),), what, hints=[(IndexError, one), (RuntimeError, one),
                                                         (ValueError, one)])
        want = ff(x[None].clone())[0]
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != (6,):
        shape = tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__
        raise CheckFailure(f"{what} returned {shape}; expected (6,), the input's shape "
                           "(shape in = shape out)")
    assert_close(got, want, what + ", against the same layer on that vector as a (1, 6) input",
                 atol=1e-5)
    # a gate input far above 88, where exp(h) overflows float32 (F.silu stays finite)
    with torch.no_grad(), torch.random.fork_rng(devices=[]):
        ref = SwiGLUFeedForward(cfg)
        ref.load_state_dict(ff.state_dict())
        x = torch.linspace(-1.0, 1.5, 12).reshape(2, 6)
        x = x * (200.0 / float(ref.fc1(x).abs().max()))  # fc1(x) reaches +-200
        what = (f"SwiGLUFeedForward({cfg}) on a (2, 6) input scaled so that fc1(x) reaches "
                f"200 (values up to {float(x.abs().max()):.0f})")
        got = _tensor_of(call_answer(ff, (x.clone(),), what), what, (2, 6))
        want = ref(x)
    if not bool(torch.isfinite(got).all()) and bool(torch.isfinite(want).all()):
        raise CheckFailure(
            f"{what} gives NaN or inf where the reference is finite: exp(h) overflows "
            "float32 above about 88, so a SiLU written with exp(h) (h * exp(h) / (1 + "
            "exp(h)), or exp(h) in a numerator) gives inf / inf = NaN; use F.silu(h), or "
            "h * torch.sigmoid(h), which stay finite")
    assert_close(got, want, what, atol=1e-5 * float(want.abs().max()), rtol=1e-4)
    # the same input with gradients: h / (1 + exp(-h)) is right forward where exp(-h)
    # overflows (h / inf = -0, for h below about -88), but its backward gives 0 * inf = NaN
    x_in, x_ref, x_mis = (x.clone().requires_grad_(True) for _ in range(3))
    out = call_answer(ff, (x_in,), what + ", with gradients")
    if not (isinstance(out, torch.Tensor) and out.requires_grad):
        return  # a gradient cut is named by the gradient case
    out.sum().backward()
    ref(x_ref).sum().backward()
    gate = ref.fc1(x_mis)  # the mistake replayed on the reference
    ref.fc3(gate / (1 + torch.exp(-gate)) * ref.fc2(x_mis)).sum().backward()
    if x_in.grad is None or bool(torch.isfinite(x_in.grad).all()) or \
            not bool(torch.isfinite(x_ref.grad).all()):
        return
    bad = ~torch.isfinite(x_in.grad)
    replayed = torch.equal(bad, ~torch.isfinite(x_mis.grad))
    raise CheckFailure(
        f"{what}, backward: the output is right, but the gradient reaching x holds NaN or inf "
        f"at {int(bad.sum())} of its {bad.numel()} entries, where the reference's is finite"
        + (": the SiLU is written as h / (1 + exp(-h)) (or h * (1 / (1 + exp(-h)))), and "
           "exp(-h) overflows float32 for gates below about -88 (fc1(x) reaches "
           f"{float(gate.min().detach()):.0f} here): forward gives h / inf = -0, but backward "
           "multiplies 0 by inf = NaN; use F.silu(h) or h * torch.sigmoid(h), whose "
           "gradients stay finite" if replayed else
           ": a step of forward is unstable in backward for large gates (fc1(x) reaches "
           "+-200 here); use F.silu(h) or h * torch.sigmoid(h)"))


def _stale_tensors(impl, ff, cfg, x):
    """The names of plain tensor attributes of ``ff`` (moved with .double()) when a layer
    built in float64 runs on ``x``: tensors kept from __init__ that the move left behind;
    else ""."""
    kept = [name for name, value in vars(ff).items() if isinstance(value, torch.Tensor)]
    if not kept:
        return ""
    default = torch.get_default_dtype()
    try:
        torch.set_default_dtype(torch.float64)
        built = impl(dict(cfg))
        out = built(x.clone())
    except Exception:  # noqa: BLE001 - no evidence either way
        return ""
    finally:
        torch.set_default_dtype(default)
    if not isinstance(out, torch.Tensor) or out.dtype != torch.float64:
        return ""
    return ", ".join(f"self.{name}" for name in kept)


def _under_autocast(ref, x, got):
    """Whether ``got`` (a lower-precision result) is the reference run under torch.autocast to
    ``got``'s dtype on x's device, as an autocast context inside forward would give."""
    if got.dtype not in (torch.bfloat16, torch.float16) or got.shape != x.shape:
        return False
    try:
        with torch.no_grad(), torch.autocast(x.device.type, dtype=got.dtype):
            replay = ref(x)
    except Exception:  # noqa: BLE001 - autocast not available here: no evidence
        return False
    with torch.no_grad():
        cast = ref(x).to(got.dtype).float()  # a float32 forward cast at the end
    mine = got.detach().float()
    return replay.dtype == got.dtype and bool(
        (mine - replay.float()).abs().max() < (mine - cast).abs().max())


def _swiglu_keeps_dtype(impl):
    """A float32 layer given a float64 input may raise (the reference does: the dtypes do not
    match) or compute, but must not convert its own weights: a forward that calls
    self.to(x.dtype) leaves the model in the input's dtype for good (its memory, the
    optimizer's view of it, every later input)."""
    cfg = {"emb_dim": 6, "hidden_dim": 10}
    ff = impl(dict(cfg))
    before = {name: p.dtype for name, p in ff.named_parameters()}
    x = torch.randn(2, 3, 6, generator=torch.Generator().manual_seed(49), dtype=torch.float64)
    with torch.no_grad():
        try:
            ff(x)
        except NotImplementedError:
            raise
        except Exception:  # noqa: BLE001 - a dtype mismatch may raise, as the reference's does
            pass
    changed = {name: str(p.dtype).removeprefix("torch.") for name, p in ff.named_parameters()
               if before.get(name) not in (None, p.dtype)}
    if changed:
        raise CheckFailure(
            f"SwiGLUFeedForward({cfg}), a float32 layer, called once on a float64 (2, 3, 6) "
            f"input, now holds the weights {changed}: forward converts the layer itself "
            "(self.to(x.dtype), self.double(), or a weight's .data cast), so one input of "
            "another dtype changes the model's weights for good; leave the weights as the "
            "caller set them (the caller moves the model with .to(dtype)) and compute with "
            "them, self.fc3(F.silu(self.fc1(x)) * self.fc2(x))")


def _swiglu_half(impl):
    """Moved to bfloat16 and to float16 (Llama ships in bfloat16), the module must run in that
    dtype: a branch for half types that casts to a fixed dtype (the gate's SiLU in float32,
    cast back to float16 whatever the model's dtype) shows only here, float64 runs past it."""
    cfg = {"emb_dim": 6, "hidden_dim": 10}
    x = torch.randn(2, 3, 6, generator=torch.Generator().manual_seed(53))
    ran = {}
    for dtype in (torch.float16, torch.bfloat16):
        name = str(dtype).removeprefix("torch.")
        what = f"SwiGLUFeedForward({cfg}) moved to {name} (.to(torch.{name})) on a {name} input"
        ff = impl(dict(cfg)).to(dtype)
        ref = SwiGLUFeedForward(cfg).to(dtype)
        ref.load_state_dict(ff.state_dict())
        with torch.no_grad():
            try:
                got = ff(x.to(dtype))
            except RuntimeError as err:
                other = [n for n, ok in ran.items() if ok]
                fixed = (f"{other[0]} runs, {name} does not: a dtype is fixed in the code for "
                         f"half types ({other[0]}?), such as F.silu(gate.float())"
                         f".to(torch.{other[0]})" if other else
                         "float64 runs, so a branch for half types casts to a fixed dtype "
                         "(gate.float() for float16/bfloat16, not cast back)")
                raise CheckFailure(f"{what} raised RuntimeError ({err}): {fixed}; cast back "
                                   "to the input's dtype, .to(x.dtype), or compute in it as "
                                   "the layers do") from err
            ran[name] = isinstance(got, torch.Tensor) and got.dtype == dtype
            if not ran[name]:
                raise CheckFailure(f"{what} returned {getattr(got, 'dtype', type(got).__name__)}"
                                   ": keep the input's dtype (a .float() for half types not "
                                   "undone?); cast back with .to(x.dtype)")
            expected = ref(x.to(dtype)).float()
            scale = expected.abs().max().clamp(min=1e-6).item()
            assert_close(got.float(), expected, what, atol=0.05 * scale)


def _swiglu_float64(impl):
    """Moved to float64 (as a bfloat16 Llama is moved with .to(dtype)), the module must run in
    that dtype and give the reference's numbers."""
    cfg = {"emb_dim": 6, "hidden_dim": 10}
    what = f"SwiGLUFeedForward({cfg}) moved to float64 (.double()) on a float64 (2, 3, 6) input"
    ff = impl(dict(cfg)).double()
    x = torch.randn(2, 3, 6, generator=torch.Generator().manual_seed(27), dtype=torch.float64)
    ref = SwiGLUFeedForward(cfg).double()
    ref.load_state_dict(ff.state_dict())
    with torch.no_grad():
        try:
            got = ff(x.clone())
        except RuntimeError as err:
            stale = _stale_tensors(impl, ff, cfg, x)
            if stale:
                raise CheckFailure(
                    f"{what} raised RuntimeError ({err}), while a layer built in float64 runs: "
                    f"forward uses {stale}, plain tensor(s) kept on the layer since __init__ "
                    "(such as self.w1 = self.fc1.weight.T), which .double() and .to(dtype) "
                    "leave behind: they convert only parameters and buffers; read the weights "
                    "in forward (self.fc1(x), or self.fc1.weight there)") from err
            raise CheckFailure(f"{what} raised RuntimeError ({err}): something in forward casts "
                               "to float32 (x.float(), dtype=torch.float32); compute in the "
                               "input's dtype, as the layers do") from err
        if not isinstance(got, torch.Tensor) or got.dtype != torch.float64:
            raise CheckFailure(f"{what} returned "
                               f"{getattr(got, 'dtype', type(got).__name__)}: keep the input's "
                               "dtype (no .float() inside forward)")
        expected = ref(x)
        # relative to the largest output, not per entry: an entry near 0 would make a per-entry
        # ratio of float32 rounding swing past the band (float32 gives 1e-8 to 2e-7 here)
        off = ((got - expected).abs().max() / expected.abs().max().clamp(min=1e-30)).item()
        assert_close(got, expected, what, atol=1e-10, hint=(
            f"the largest difference is {off:.1e} of the largest output, float32's rounding "
            "(about 1e-7) and far below any formula slip: part of forward runs in float32 (a "
            ".float() on the gate or a branch, a float32 constant or tensor kept outside the "
            "layers); compute in the input's dtype") if 1e-12 < off < 1e-5 else None)
        x_t = x.transpose(0, 1)  # a non-contiguous view, as any tensor after a transpose
        what = (f"SwiGLUFeedForward({cfg}) on a non-contiguous float64 (3, 2, 6) input "
                "(x.transpose(0, 1))")
        got = call_answer(ff, (x_t,), what, hints=[("view size is not compatible", (
            "the input is not contiguous (a transposed tensor), and .view cannot flatten such "
            "a tensor: use .reshape, or apply the layers to x as it is (nn.Linear takes any "
            "number of leading dimensions)"))])
        assert_close(got, ref(x_t), what, atol=1e-10)
        # a decoding step or a flat batch of tokens: (num_tokens, emb_dim), without a batch dim
        what = f"SwiGLUFeedForward({cfg}) on a 2-D float64 (3, 6) input (tokens, emb_dim)"
        got = call_answer(ff, (x[0],), what, hints=[("values to unpack", (
            "forward assumes a 3-D input (b, t, d = x.shape, or a reshape back to (b, t, d)), "
            "but shape in = shape out for any number of leading dims: apply the layers to x "
            "as it is, nn.Linear takes (..., emb_dim)"))])
        assert_close(got, ref(x[0]), what, atol=1e-10)
        # more leading dims (a batch of sequences of chunks): shape in = shape out still
        what = f"SwiGLUFeedForward({cfg}) on a 4-D float64 (1, 2, 3, 6) input"
        got = call_answer(ff, (x[None],), what)
        if isinstance(got, torch.Tensor) and tuple(got.shape) != (1, 2, 3, 6):
            raise CheckFailure(
                f"{what} has shape {tuple(got.shape)}, expected (1, 2, 3, 6) (2-D and 3-D "
                "inputs kept theirs): the output is reshaped to sizes read from a fixed number "
                "of the input's dims (x.shape[:2], or b, t = ...), which drops or merges the "
                "others; shape in = shape out for any number of leading dims: apply the "
                "layers to x as it is, or reshape back to (*x.shape[:-1], emb_dim)")
        assert_close(got, ref(x[None]), what, atol=1e-10)
    # the meta device stands in for a GPU: a tensor kept outside the layers stays behind
    what = f"SwiGLUFeedForward({cfg}) moved to the meta device (.to('meta')) on a meta input"
    got = call_answer(impl(dict(cfg)).to("meta"), (torch.empty(2, 3, 6, device="meta"),),
                      what, hints=[("is not on the expected device", (
                          "a tensor in forward is not on the input's device: one made "
                          "without device=, or kept on the layer as a plain attribute "
                          "(self.t = torch.ones(...)), which .to(device) does not move; "
                          "use only the layers' weights, or register it as a buffer"))])
    away = tensors_not_on(got, "meta")
    if away:
        raise CheckFailure(f"{what}: {away[0]}, not on the input's device: forward makes a "
                           "tensor without device= (or moves it with a fixed .to(...))")
    # a large model is built under `with torch.device(...)` (on the GPU, or on meta before
    # loading weights): the layers must land on that device
    try:
        with torch.device("meta"):
            built = impl(dict(cfg))
    except Exception:  # noqa: BLE001 - a constructor that needs numbers: no evidence
        built = None
    away = tensors_not_on(built, "meta", "the layer") if built is not None else []
    if away:
        raise CheckFailure(f"SwiGLUFeedForward({cfg}) built inside `with torch.device('meta')` "
                           f"(as a large model is built on its GPU, or on meta before loading "
                           f"weights): {away[0]}: the constructor fixes a device (nn.Linear(..., "
                           "device='cpu'), a cfg.get('device', 'cpu') default, or a .to(...)), "
                           "which overrides the one the caller builds on; leave device= out")


def _swiglu_contrast(ff, x):
    """Zero one layer's weights at a time: the reference then gives 0 (silu(0) = 0, a product
    with 0, or fc3 = 0). Say which zeroed layer leaves the learner's output nonzero, or None."""
    import copy  # noqa: PLC0415 - only for this rare fallback

    roles = {"fc1": "silu(fc1(x)) is 0 when fc1 is 0 (silu(0) = 0), so the gate must multiply "
                    "everything that reaches fc3",
             "fc2": "the fc2 branch must MULTIPLY the gate, so a zero fc2 gives 0",
             "fc3": "fc3 is the last step, so nothing may be added after it"}
    found = []
    for name, why in roles.items():
        probe = copy.deepcopy(ff)
        with torch.no_grad():
            getattr(probe, name).weight.zero_()
            try:
                out = probe(x.clone())
            except Exception:  # noqa: BLE001 - no evidence either way
                return None
        if isinstance(out, torch.Tensor) and out.abs().max().item() > 1e-6:
            with torch.no_grad():  # a gate that is not 0 at 0 gives a multiple of fc3(fc2(x))
                plain = probe.fc3(probe.fc2(x)) if name == "fc1" else None
            c = float((out * plain).sum() / (plain * plain).sum()) if plain is not None and \
                out.shape == plain.shape and plain.abs().max() > 0 else 0.0
            if c and torch.allclose(out, c * plain, atol=1e-5, rtol=1e-4):
                why = (f"your output is then {c:.4g} * fc3(fc2(x)), so your gate gives {c:.4g} "
                       "where fc1(x) = 0, and SiLU gives 0 there (silu(0) = 0): the activation "
                       "applied to fc1(x) is not SiLU" + _activation_read_back(ff))
            found.append(f"with {name}'s weights set to 0 yours still gives values up to "
                         f"{out.abs().max().item():.3g}, where the reference gives 0: {why}")
    return "; ".join(found) + ": fc3(silu(fc1(x)) * fc2(x))" if found else None


def _fc3_layout(ff, x):
    """fc3's weight zeroed but for one entry [i, j] = 1, in a copy of yours and in the
    reference: the reference's output is then product unit j in output i and 0 elsewhere.
    When yours puts one product unit (the right values of some unit j2) into one output i2,
    but not (j, i), fc3's weight is read in another layout: say where; else None."""
    import copy  # noqa: PLC0415 - only for this rare fallback

    try:
        mine = copy.deepcopy(ff)
        out_dim, in_dim = mine.fc3.weight.shape
        ref = SwiGLUFeedForward({"emb_dim": out_dim, "hidden_dim": in_dim})
        ref.load_state_dict(mine.state_dict())
        i, j = 1 % out_dim, 2 % in_dim
        with torch.no_grad():
            for module in (mine, ref):
                module.fc3.weight.zero_()
                module.fc3.weight[i, j] = 1.0
            got = mine(x.clone())
            h = F.silu(ref.fc1(x)) * ref.fc2(x)
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    if not isinstance(got, torch.Tensor) or got.shape != x.shape:
        return None
    cols = [c for c in range(out_dim) if float(got[..., c].abs().max()) > 0]
    if len(cols) != 1:
        return None
    i2 = cols[0]
    j2 = next((u for u in range(in_dim) if torch.allclose(got[..., i2], h[..., u], atol=1e-6)),
              None)
    if j2 is None or (i2, j2) == (i, j):
        return None
    return (f"fc3 reads its weight in another layout: with fc3.weight all 0 but entry [{i}, "
            f"{j}] = 1, yours puts product unit {j2} into output {i2}, where nn.Linear puts "
            f"unit {j} into output {i} (out_features first); the gate and the up branch are "
            "right. A reshape or .view of fc3.weight where a transpose was meant, or the "
            "weight transposed and reshaped back? Call the layer, self.fc3(h), or use "
            "h @ self.fc3.weight.T")


def _swiglu_linearity(ff, x, got):
    """The reference is linear in fc2's and in fc3's weights: scaling either by -2 scales the
    output by -2 (the sign too). Say which one yours is not linear in, or that the gate must
    differ; else None."""
    import copy  # noqa: PLC0415 - only for this rare fallback

    bent, lost = [], []
    for name in ("fc2", "fc3"):
        probe = copy.deepcopy(ff)
        with torch.no_grad():
            getattr(probe, name).weight.mul_(-2.0)
            try:
                out = probe(x.clone())
            except Exception:  # noqa: BLE001 - no evidence either way
                return None
        if not isinstance(out, torch.Tensor) or out.shape != got.shape:
            return None
        if not torch.allclose(out, -2 * got, atol=1e-5, rtol=1e-4):
            bent.append(name)
            if torch.allclose(out, 2 * got, atol=1e-5, rtol=1e-4):
                lost.append(name)
    growth = ""
    for name in bent[:1]:  # how yours grows with that layer's weights: x4 against x1
        probe = copy.deepcopy(ff)
        with torch.no_grad():
            getattr(probe, name).weight.mul_(4.0)
            try:
                out = probe(x.clone())
            except Exception:  # noqa: BLE001 - no evidence either way
                out = None
        if isinstance(out, torch.Tensor) and out.shape == got.shape and \
                float(got.double().pow(2).sum()) > 0:
            fit = float((out.double() * got.double()).sum() / got.double().pow(2).sum())
            if fit < 3.6 or fit > 4.4:
                growth = (f"; scaling {name}'s weights by 4 scales your output by about "
                          f"{fit:.3g}, " + (
                              "less than 4: that branch saturates (a clamp, tanh, sigmoid or "
                              "a normalisation on it?)" if fit < 3.6 else
                              "more than 4: that branch grows faster than linearly (a square, "
                              "an exp or a product with itself on it?)"))
    if bent:
        rule = {"fc2": "fc2(x) must enter once, as a plain factor of the product",
                "fc3": "fc3 must be applied once, as the last step (nothing after it, no "
                       "other branch through it)"}
        return (f"scaling {' or '.join(bent)}'s weights by -2 does not scale your output by "
                "-2, as it does in fc3(silu(fc1(x)) * fc2(x)), linear in each: "
                + "; ".join(rule[n] for n in bent) + (
                    f" (yours scales by +2: the sign of {lost[0]}'s output is lost, an abs or "
                    "the root of a square on that branch?)" if lost else "") + growth)
    with torch.no_grad():
        try:  # the answer's own layers (an answer may have changed them in forward)
            ratio = got / ff.fc3(F.silu(ff.fc1(x)) * ff.fc2(x))
        except Exception:  # noqa: BLE001 - no evidence either way
            return None
    if x.dim() >= 2 and x.shape[-2] > 1:  # each token on its own: move token 0 only
        moved = x.clone()
        moved[..., 0, :] += 1.0
        with torch.no_grad():
            try:
                out = ff(moved)
            except Exception:  # noqa: BLE001 - no evidence either way
                out = None
        if isinstance(out, torch.Tensor) and out.shape == got.shape and not torch.allclose(
                out[..., 1:, :], got[..., 1:, :], atol=1e-6):
            changed = sorted({int(t) + 1 for t in (out[..., 1:, :] - got[..., 1:, :]).abs()
                              .flatten(0, -3).amax(0).amax(-1).gt(1e-6).nonzero()[:, 0]})
            return (f"changing token 0 of the input alone changed your outputs for tokens "
                    f"{changed[:6]} too: the feed-forward works on each token on its own "
                    "(nothing mixes tokens), so something in yours reads other tokens (a "
                    "slice such as x[:, :1] or h[..., 0, :] broadcast over the tokens, a mean "
                    "or a norm over the tokens?): fc3(silu(fc1(x)) * fc2(x)) on every token")
    if torch.allclose(ratio, ratio.flatten()[0].expand_as(ratio), atol=1e-4, rtol=1e-4):
        return (f"your output is {float(ratio.flatten()[0]):.4g} times fc3(silu(fc1(x)) * "
                "fc2(x)) everywhere: the gate and the layers are right, and a constant factor "
                "multiplies or divides the result; return the product through fc3 as it is")
    with torch.no_grad():
        try:
            shifted, doubled = ff(x.clone() + 0.7), ff(2.0 * x)
        except Exception:  # noqa: BLE001 - no evidence either way
            shifted = doubled = None
    for moved, words in [(shifted, "the same number is added to every entry of x: x is "
                          "centred (x - x.mean(dim=-1)) before the layers, a LayerNorm step"),
                         (doubled, "x is doubled: x is normalised (divided by its norm, "
                          "RMS or std) before the layers")]:
        if isinstance(moved, torch.Tensor) and moved.shape == got.shape and \
                torch.allclose(moved, got, atol=1e-5, rtol=1e-4):
            return (f"your output does not change when {words}; the block's norm2 does the "
                    "normalising, so fc1 and fc2 read x as it is: fc3(silu(fc1(x)) * fc2(x))")
    paired = _hidden_pairing(ff, x)
    if paired:
        return paired
    read = _activation_read_back(ff)
    if read.startswith("; yet"):  # the gate is SiLU: something else depends on x
        return "your output scales with fc2's and fc3's weights (-2 for -2), as it must" + read
    if read and " gives " in read:  # no known activation: the gate, or what fc1 reads
        return ("your output scales with fc2's and fc3's weights (-2 for -2), as it must, so the "
                "difference is in the gate branch: either the activation applied to fc1(x) "
                "is not SiLU, fc1(x) * sigmoid(fc1(x)) (F.silu), or x is changed before the "
                "layers read it (normalised, shifted, rescaled: fc1 and fc2 read x as it is)"
                + read)
    return ("your output scales with fc2's and fc3's weights (-2 for -2), as it must, so the "
            "difference is in the gate: the activation applied to fc1(x) is not SiLU, "
            "fc1(x) * sigmoid(fc1(x)) (F.silu)" + read)


def _hidden_pairing(ff, x):
    """With fc2 cut to one hidden unit j (its other rows zeroed), the reference gives fc3's
    column j times silu(fc1(x)_j) * fc2(x)_j. Say which gate unit and fc3 column yours pairs
    units 0, 1 and the last with, where that is not j or nothing comes out; else None."""
    import copy  # noqa: PLC0415 - only for this rare fallback

    found = {}
    with torch.no_grad():
        gate = F.silu(ff.fc1(x))
        for j in sorted({0, 1, ff.fc2.weight.shape[0] - 1}):
            probe = copy.deepcopy(ff)
            keep = torch.zeros_like(probe.fc2.weight)
            keep[j] = probe.fc2.weight[j]
            probe.fc2.weight.copy_(keep)
            try:
                out = probe(x.clone())
            except Exception:  # noqa: BLE001 - no evidence either way
                return None
            up = x @ keep[j]  # fc2(x)_j, the only unit left
            cand = (gate * up[..., None])[..., None, :] * ff.fc3.weight  # (..., emb, hidden)
            if not isinstance(out, torch.Tensor) or out.shape != x.shape:
                return None
            if torch.allclose(out, cand[..., j], atol=1e-6, rtol=1e-4):
                continue  # unit j is paired as it should be
            if not out.abs().gt(1e-9).any() and cand[..., j].abs().gt(1e-6).any():
                try:  # and on -x too, so that a gate that is 0 for one sign is not taken
                    back = probe(-x)
                except Exception:  # noqa: BLE001 - no evidence either way
                    return None
                if isinstance(back, torch.Tensor) and not back.abs().gt(1e-9).any():
                    found[j] = "nothing"
                    continue
                return None
            same = (gate * up[..., None])[..., None, :] * ff.fc3.weight[:, j, None]
            close = [(k, True) for k in range(cand.shape[-1]) if torch.allclose(
                out, cand[..., k], atol=1e-6, rtol=1e-4)] + [
                (k, False) for k in range(same.shape[-1]) if k != j and torch.allclose(
                    out, same[..., k], atol=1e-6, rtol=1e-4)]
            if len(close) != 1:
                return None
            found[j] = close[0]
    if not found:
        return None
    words = "; ".join(f"fc2's hidden unit {j} " + (
        "adds nothing to your output" if k == "nothing" else
        f"is multiplied by gate unit {k[0]}" + (f" and read by fc3's column {k[0]}" if k[1] else
                                                f" (and read by fc3's column {j})"))
        for j, k in found.items())
    return (f"{words} (in fc3(silu(fc1(x)) * fc2(x)) unit j of fc2 meets gate unit j and "
            "fc3's column j): the hidden units of the product are "
            + ("dropped or zeroed (a slice, an in-place write into the product?)"
               if "nothing" in found.values() else
               "shifted or reordered on one branch (a roll, flip, sort or a permute over the "
               "hidden dim?)") + "; multiply the two branches unit by unit")


def _activation_read_back(ff):
    """'; ...' with the gate's activation read back at eight points: one token e0, fc1's first
    column set to the points, fc2's to ones and fc3 picking hidden unit r into output r."""
    import copy  # noqa: PLC0415 - only for this rare fallback

    probe = copy.deepcopy(ff)
    emb = probe.fc1.weight.shape[1]
    if probe.fc1.weight.shape[0] < 8 or emb < 8:
        return ""

    def read_back(h):
        with torch.no_grad():
            for layer in (probe.fc1, probe.fc2, probe.fc3):
                layer.weight.zero_()
            probe.fc1.weight[:8, 0] = h
            probe.fc2.weight[:, 0] = 1.0
            probe.fc3.weight[torch.arange(8), torch.arange(8)] = 1.0
            return probe(torch.eye(emb)[:1].reshape(1, 1, emb))[0, 0, :8]

    h = torch.linspace(-3.0, 3.0, 8)
    try:
        a = read_back(h)
    except Exception:  # noqa: BLE001 - no evidence either way
        return ""
    known = {"h * sigmoid(-h) = h / (1 + exp(h)), SiLU with the sign of the exponent slipped "
             "(SiLU is h / (1 + exp(-h)))": h * torch.sigmoid(-h),
             "F.hardswish, a piecewise approximation of SiLU; use F.silu": F.hardswish(h),
             "F.mish, h * tanh(softplus(h)); use F.silu": F.mish(h),
             "-silu(h): a minus sign too many": -F.silu(h),
             "silu(-h): the input negated": F.silu(-h),
             "ReLU; use F.silu": F.relu(h), "F.softplus; use F.silu": F.softplus(h),
             "F.elu; use F.silu": F.elu(h), "F.selu; use F.silu": F.selu(h),
             **{f"silu({c:g} * h): SiLU of a scaled fc1(x) (h multiplied by {c:g} before "
                "the activation); SiLU takes fc1(x) as it is, F.silu(self.fc1(x))":
                F.silu(c * h) for c in (2.0, 0.5, 3.0)},
             **{f"SiLU computed in {name} (F.silu(h.to(torch.{name})), the gate rounded to "
                f"about {digits} significant digits); keep the gate in x's dtype":
                F.silu(h.to(dtype)).to(h.dtype) for name, dtype, digits in (
                    ("bfloat16", torch.bfloat16, 3), ("float16", torch.float16, 4))},
             "silu(h) * sigmoid(h): the sigmoid applied twice": F.silu(h) * torch.sigmoid(h),
             "sigmoid(h) squared: h overwritten in place (h.sigmoid_() * h) before it "
             "multiplied; SiLU is h * sigmoid(h), F.silu(h)": torch.sigmoid(h) ** 2,
             **{f"h * sigmoid({beta:g} * h), Swish with beta = {beta:g}; SiLU is beta = 1, "
                "h * sigmoid(h)": h * torch.sigmoid(beta * h) for beta in (2.0, 0.5, 1.5)}}
    wide = torch.linspace(-12.0, 12.0, 8)
    try:
        far = read_back(wide) if torch.allclose(a, F.silu(h), atol=1e-5) else None
    except Exception:  # noqa: BLE001 - no evidence either way
        far = None
    if far is not None and not torch.allclose(far, F.silu(wide), atol=1e-4, rtol=1e-4):
        i = int((far - F.silu(wide)).abs().argmax())
        return ("; read back on its own, your activation is SiLU for h between -3 and 3, but "
                f"not for large h: at h = {float(wide[i]):.4g} it gives {float(far[i]):.4g}, "
                f"where SiLU gives {float(F.silu(wide[i])):.4g} (at h = -12 .. 12 yours gives "
                f"{', '.join(f'{float(v):.3g}' for v in far)}): the gate changes large "
                "values (fc1(x) clamped or the activation capped, before or after SiLU?); "
                "apply F.silu to fc1(x) as it is")
    if torch.allclose(a, F.silu(h), atol=1e-5):
        return ("; yet read back on its own (one token, the unit vector e0, as input) your "
                "activation IS SiLU: the difference comes from something a unit vector passes "
                "unchanged, such as the input normalised, rescaled or clamped before the "
                "layers; fc1 and fc2 read x as it is")
    name = next((n for n, v in known.items() if torch.allclose(a, v, atol=1e-4)), None)
    if name:
        return f"; read back on its own, your activation is {name}"
    pts = ", ".join(f"{float(v):.4g}" for v in a[[0, 3, 7]])
    want = ", ".join(f"{float(v):.4g}" for v in F.silu(h)[[0, 3, 7]])
    extra = a - F.silu(h)  # what yours adds to SiLU: a term linear in h, or a plain relation
    c = float((extra * h).sum() / (h * h).sum())
    shifts = torch.linspace(-3.0, 3.0, 121)  # SiLU of h moved by a constant: silu(h + s)
    s = next((float(v) for v in shifts if abs(float(v)) > 1e-6 and torch.allclose(
        a, F.silu(h + v), atol=1e-4)), None)
    related = (f": yours is SiLU plus {c:.4g} * h, a term linear in h added to the gate (a "
               "shortcut or a second branch inside it?)" if abs(c) > 1e-4 and torch.allclose(
                   extra, c * h, atol=1e-4) else
               f": yours is silu(h {'+' if s > 0 else '-'} {abs(s):.4g}), SiLU of fc1(x) moved "
               f"by a constant {s:+.4g} (a constant or a bias added to fc1(x) before the "
               "activation?); SiLU takes fc1(x) as it is" if s is not None else
               f" ({said.removeprefix('What differs: ').rstrip('.')})"
               if (said := describe_difference(a, F.silu(h))) else "")
    return (f"; read back on its own at h = -3, {float(h[3]):.4g} and 3, your activation gives "
            f"{pts}, where SiLU gives {want}{related}")


def _square_crash_hint(impl):
    """Why a forward pass that mixed emb_dim- and hidden_dim-wide tensors crashed: rerun it with
    emb_dim == hidden_dim, where it cannot crash, and match the usual mix-ups; else None."""
    cfg = {"emb_dim": 10, "hidden_dim": 10}
    x = torch.randn(2, 3, 10, generator=torch.Generator().manual_seed(26))
    try:
        ff = impl(dict(cfg))
        ref = SwiGLUFeedForward(cfg)
        ref.load_state_dict(ff.state_dict())
        with torch.no_grad():
            got = ff(x.clone())
            a, b = ref.fc1(x), ref.fc2(x)
            mistakes = {
                "the SiLU is written by hand with the wrong tensor inside: sigmoid(x) of the "
                "module's INPUT (emb_dim wide) multiplies fc1(x) (hidden_dim wide); SiLU of the "
                "gate is fc1(x) * sigmoid(fc1(x)), F.silu(self.fc1(x))":
                    ref.fc3(a * torch.sigmoid(x) * b),
                "the SiLU is written by hand with the wrong tensor outside: x * sigmoid(fc1(x)) "
                "multiplies the module's INPUT x (emb_dim wide); SiLU of the gate is fc1(x) * "
                "sigmoid(fc1(x)), F.silu(self.fc1(x))": ref.fc3(x * torch.sigmoid(a) * b),
                "fc3 maps hidden_dim back to emb_dim, so the product goes INTO it: "
                "fc3(silu(fc1(x)) * fc2(x)), not fc3(silu(fc1(x))) * fc2(x)":
                    ref.fc3(F.silu(a)) * b,
                "fc2 is applied to the gate's output, fc2(silu(fc1(x))), one layer after the "
                "other; fc1 and fc2 both read the input x, side by side, and their outputs are "
                "multiplied: fc3(silu(fc1(x)) * fc2(x))": ref.fc3(ref.fc2(F.silu(a))),
                "the weights are used without .T (x @ self.fc1.weight): nn.Linear stores its "
                "weight as (out_features, in_features), so call the layer, self.fc1(x), or "
                "multiply by the transpose, x @ self.fc1.weight.T":
                    (F.silu(x @ ref.fc1.weight) * (x @ ref.fc2.weight)) @ ref.fc3.weight,
            }
    except Exception:  # noqa: BLE001 - no evidence either way
        return None
    return _likely(got, mistakes) if isinstance(got, torch.Tensor) else None


def _dropout_hint(ff, x, expected, cfg=None):
    """A hint when the learner's module differs only in training mode (dropout), else None;
    a dropout rate equal to ``cfg``'s drop_rate is named as read from the config."""
    drops = [m.p for m in ff.modules() if isinstance(m, torch.nn.Dropout)]
    was = ff.training
    try:
        same_in_eval = torch.allclose(ff.eval()(x.clone()), expected, atol=1e-5)
    except Exception:  # noqa: BLE001 (only evidence for the hint)
        same_in_eval = False
    finally:
        ff.train(was)
    if not (drops or same_in_eval):
        return None
    rate = (cfg or {}).get("drop_rate")
    read = (", the config's drop_rate (GPT-2 style configs hold it for the attention weights "
            "and the shortcuts, not for the feed-forward)"
            if drops and rate and drops[0] == rate else "")
    return ((f"your module has dropout (p={drops[0]:g}){read} " if drops else
             "your output is right in eval mode only (dropout?) ") + "and the check runs it in "
            "training mode, as a new module is: Llama's feed-forward has no dropout; remove it")


EXERCISES = [
    Exercise(id="ex5_20", file="ex5_20_llama3_frequencies.py", entry="llama3_inv_freq",
             title="Llama 3's RoPE frequency scaling (bonus)", check=check_llama3_frequencies),
    Exercise(id="ex5_21", file="ex5_21_swiglu_feed_forward.py", entry="SwiGLUFeedForward",
             title="The SwiGLU feed-forward (bonus: Llama)", check=check_swiglu_feed_forward),
]
