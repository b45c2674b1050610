"""Exercise 5.20 (bonus): Llama 3's rotary frequency scaling.

This exercise is ours; the book's Llama 3.2 bonus applies the scaling without an exercise.

Edit this file, then check it with ``python -m llmscratch check ch05``.
The answer is in ../solutions/ex5_20_llama3_frequencies.py (try first!).
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
    raise NotImplementedError("your code here")
