"""Exercise 5.20 (solution, bonus): Llama 3's rotary frequency scaling.

This exercise is ours; the book's Llama 3.2 bonus applies the scaling without an exercise.
"""

import math

import torch


def llama3_inv_freq(head_dim, theta_base, freq_config):
    """The ``head_dim // 2`` rotary frequencies of Llama 3 (``head_dim`` is even), scaled for
    long contexts, as a float32 tensor (torch's default dtype, so the cos/sin tables match
    float32 weights).

    Start from RoPE's ``inv_freq[i] = theta_base ** (-2 i / head_dim)`` and its wavelengths
    ``2 pi / inv_freq``. With ``L = freq_config["original_context_length"]``, ``lo =
    freq_config["low_freq_factor"]``, ``hi = freq_config["high_freq_factor"]`` and ``factor =
    freq_config["factor"]``:

    - wavelength above ``L / lo`` (slow rotations): divide the frequency by ``factor``;
    - wavelength below ``L / hi`` (fast rotations): keep it;
    - in between: blend, with ``smooth = (L / wavelength - lo) / (hi - lo)``,
      ``(1 - smooth) * inv_freq / factor + smooth * inv_freq``.

    Example: ``head_dim=64, theta_base=500_000`` with Llama 3.2's config (factor 32, lo 1,
    hi 4, L 8192) keeps ``inv_freq[0] = 1.0`` and divides the slowest, ``inv_freq[31]``, by 32.
    """
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    inv_freq = 1.0 / theta_base**exponents
    old_len = freq_config["original_context_length"]
    lo, hi = freq_config["low_freq_factor"], freq_config["high_freq_factor"]
    factor = freq_config["factor"]
    wavelen = 2 * math.pi / inv_freq
    smooth = (old_len / wavelen - lo) / (hi - lo)
    blended = (1 - smooth) * inv_freq / factor + smooth * inv_freq
    out = torch.where(wavelen > old_len / lo, inv_freq / factor, inv_freq)
    medium = (wavelen <= old_len / lo) & (wavelen >= old_len / hi)
    return torch.where(medium, blended, out)
