"""Checks for the chapter 5 bonus exercises (GPT to Llama): Llama 3's RoPE frequencies and the
SwiGLU feed-forward.

Expected values come from ``llmscratch`` (``compute_rope_params``, ``SwiGLUFeedForward``); the
likely cause of a wrong answer is the usual mistake that reproduces the learner's output.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from llmscratch import SwiGLUFeedForward, compute_rope_params
from llmscratch.checking import CheckFailure, Exercise, assert_close, one_thread

LLAMA32_FREQ = {"factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                "original_context_length": 8192}


def _likely(actual, mistakes, atol=1e-5, rtol=0.0):
    """The cause whose wrong output matches ``actual`` best (within tolerance), or None."""
    a = torch.as_tensor(actual).detach().double()
    best, best_d = None, 0.0
    for cause, out in mistakes.items():
        e = torch.as_tensor(out).detach().double()
        if e.shape == a.shape and bool(torch.isfinite(a).all()):
            excess = ((a - e).abs() - atol - rtol * e.abs()).max().item()
            if excess <= best_d:
                best, best_d = cause, excess
    return best


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
    return {
        "no scaling is applied: frequencies with wavelengths above original_context_length / "
        "low_freq_factor must be divided by factor (check the wavelength too: it is 2 * pi / "
        "inv_freq; 2 * pi * inv_freq puts every wavelength below both thresholds)": inv,
        "every frequency is divided by factor: the fast ones (wavelength below "
        "original_context_length / high_freq_factor) must stay as they are": inv / f,
        "the band in between is not blended: there the frequency is (1 - smooth) * inv_freq / "
        "factor + smooth * inv_freq with smooth = (L / wavelength - lo) / (hi - lo)":
            torch.where(wavelen > L / lo, inv / f, inv),
        "the wavelength is taken as 1 / inv_freq; it is 2 * pi / inv_freq":
            _scaled(inv, 1 / inv, L, lo, hi, f),
        "the blend weights are swapped: (1 - smooth) goes with inv_freq / factor, smooth with "
        "inv_freq": _scaled(inv, wavelen, L, lo, hi, f, swap=True),
        "the slow frequencies were multiplied by factor; divide them by it":
            _scaled(inv, wavelen, L, lo, hi, 1 / f),
        "the exponents are i / head_dim for i = 0, 1, 2, ...; RoPE uses 2i / head_dim "
        "(torch.arange(0, head_dim, 2) / head_dim)": _scaled(
            inv_half, 2 * math.pi / inv_half, L, lo, hi, f),
        "inv_freq is 1 / theta_base ** (2i / head_dim); the inverse was forgotten": _scaled(
            1 / inv, 2 * math.pi * inv, L, lo, hi, f),
        "smooth is (L / wavelength - lo) / (hi - lo); it was computed from wavelength / L":
            _scaled(inv, wavelen, L, lo, hi, f, ratio_flipped=True),
        "the thresholds are swapped: wavelengths above L / low_freq_factor are divided, those "
        "below L / high_freq_factor kept": _scaled(inv, wavelen, L, hi, lo, f),
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
        "pi was rounded (3.14?): the wavelength is 2 * math.pi / inv_freq":
            _scaled(inv, 2 * 3.14 / inv, L, lo, hi, f),
        "smooth was not divided by (hi - lo): smooth = (L / wavelength - lo) / (hi - lo)":
            _scaled(inv, wavelen, L, lo, lo + 1, f, thresholds=(lo, hi)),
        "the slow frequencies (wavelength above L / low_freq_factor) were multiplied by "
        "factor; divide them by it": _scaled(inv, wavelen, L, lo, hi, f, slow_factor=1 / f),
    }


def _scaled(inv, wavelen, L, lo, hi, f, swap=False, ratio_flipped=False, fast_divided=False,
            thresholds=None, slow_factor=None):
    """Llama 3's scaling with a chosen wavelength, thresholds, factor and blend (the mistakes):
    ``thresholds`` gives the (lo, hi) of the bands when the blend uses other ones, and
    ``slow_factor`` the factor of the slow band when it differs from the blend's."""
    smooth = ((wavelen / L if ratio_flipped else L / wavelen) - lo) / (hi - lo)
    if swap:
        smooth = 1 - smooth
    blended = (1 - smooth) * inv / f + smooth * inv
    lo, hi = thresholds or (lo, hi)
    divided = wavelen < L / hi if fast_divided else wavelen > L / lo
    out = torch.where(divided, inv / (slow_factor or f), inv)
    return torch.where((wavelen <= L / lo) & (wavelen >= L / hi), blended, out)


@one_thread
def check_llama3_frequencies(impl):
    cases = [(64, 500_000.0, LLAMA32_FREQ),
             (128, 500_000.0, {**LLAMA32_FREQ, "factor": 8.0}),
             (32, 10_000.0, {"factor": 4.0, "low_freq_factor": 2.0, "high_freq_factor": 8.0,
                             "original_context_length": 256})]
    runs = []  # (what, learner's output, reference, mistakes) per case
    for head_dim, base, freq in cases:
        what = (f"llama3_inv_freq({head_dim}, {base:g}, factor={freq['factor']:g}, "
                f"L={freq['original_context_length']})")
        got = impl(head_dim, base, dict(freq))
        if not isinstance(got, torch.Tensor) or tuple(got.shape) != (head_dim // 2,):
            raise CheckFailure(f"{what} must return a tensor of shape ({head_dim // 2},), got "
                               f"{getattr(got, 'shape', type(got).__name__)}")
        runs.append((what, got, _reference_inv_freq(head_dim, base, freq),
                     _frequency_mistakes(head_dim, base, freq)))
    # A cause is named only when it reproduces every case: in one configuration two mistakes
    # can give the same numbers (no band in between, say).
    causes = [c for c in runs[0][3] if all(
        _likely(got, {c: m[c]}, atol=1e-9, rtol=1e-4) for _, got, _, m in runs)]
    for what, got, expected, _ in runs:
        assert_close(got, expected, what, atol=1e-9, rtol=1e-4,
                     hint=causes[0] if causes else "see the three cases in the docstring.")


# --- ex5_21: SwiGLU feed-forward ------------------------------------------------------------------


def _swiglu_mistakes(ff, x):
    a, b = ff.fc1(x), ff.fc2(x)
    return {
        "the gate is on the wrong branch: SiLU goes on fc1 (the gate), fc2 is the linear "
        "branch: fc3(silu(fc1(x)) * fc2(x))": ff.fc3(F.silu(b) * a),
        "GELU is used where Llama uses SiLU (x * sigmoid(x))": ff.fc3(F.gelu(a) * b),
        "ReLU is used where Llama uses SiLU (x * sigmoid(x))": ff.fc3(F.relu(a) * b),
        "the gate is missing: multiply silu(fc1(x)) by fc2(x) before fc3": ff.fc3(F.silu(a)),
        "SiLU is applied after the product: it goes on fc1(x) alone":
            ff.fc3(F.silu(a * b)),
        "the gate uses sigmoid(x); SiLU is x * sigmoid(x) (F.silu)":
            ff.fc3(torch.sigmoid(a) * b),
    }


@one_thread
def check_swiglu_feed_forward(impl):
    gen = torch.Generator().manual_seed(21)
    for emb_dim, hidden, shape in [(8, 20, (2, 3)), (12, 16, (1, 5)), (6, 30, (3, 2))]:
        cfg = {"emb_dim": emb_dim, "hidden_dim": hidden}
        ff = impl(dict(cfg))
        shapes = {k: tuple(v.shape) for k, v in ff.state_dict().items()}
        want = {"fc1.weight": (hidden, emb_dim), "fc2.weight": (hidden, emb_dim),
                "fc3.weight": (emb_dim, hidden)}
        if shapes != want:
            extra = " Llama's layers have no biases: bias=False." if any(
                k.endswith("bias") for k in shapes) else ""
            if shapes.get("fc1.weight", (0,))[0] == 4 * emb_dim:
                extra += (f" The hidden size is 4 * emb_dim = {4 * emb_dim} (GPT-2's rule); "
                          f"use cfg['hidden_dim'] = {hidden}.")
            raise CheckFailure(f"SwiGLUFeedForward({cfg}) has the tensors {shapes}; expected "
                               f"{want}.{extra}")
        count = sum(p.numel() for p in ff.parameters())  # shared tensors count once
        if count != 3 * hidden * emb_dim:
            raise CheckFailure(f"SwiGLUFeedForward({cfg}) holds {count} weights, expected "
                               f"3 x {hidden} x {emb_dim} = {3 * hidden * emb_dim}: two of its "
                               "layers are the same object (self.fc1 = self.fc2 = nn.Linear("
                               "...)?); make three separate nn.Linear layers, each with its own "
                               "weights")
        ref = SwiGLUFeedForward(cfg)
        ref.load_state_dict(ff.state_dict())
        x = torch.randn(*shape, emb_dim, generator=gen)
        with torch.no_grad():
            try:
                got = ff(x.clone())
            except RuntimeError as err:
                if "must match the size" not in str(err):
                    raise
                raise CheckFailure(f"SwiGLUFeedForward({cfg}) raised RuntimeError ({err}): fc3 "
                                   "maps hidden_dim back to emb_dim, so the product goes INTO "
                                   "it: fc3(silu(fc1(x)) * fc2(x))") from err
            if not isinstance(got, torch.Tensor) or got.shape != x.shape:
                raise CheckFailure(f"the output must have the input's shape {tuple(x.shape)}")
            hint = _likely(got, _swiglu_mistakes(ref, x)) or "fc3(silu(fc1(x)) * fc2(x))."
            assert_close(got, ref(x), f"SwiGLUFeedForward({cfg}) on a {tuple(x.shape)} input",
                         atol=1e-5, hint=hint)


EXERCISES = [
    Exercise(id="ex5_20", file="ex5_20_llama3_frequencies.py", entry="llama3_inv_freq",
             title="Llama 3's RoPE frequency scaling (bonus)", check=check_llama3_frequencies),
    Exercise(id="ex5_21", file="ex5_21_swiglu_feed_forward.py", entry="SwiGLUFeedForward",
             title="The SwiGLU feed-forward (bonus: Llama)", check=check_swiglu_feed_forward),
]
