# MUTANT: splits on whitespace only; punctuation stays attached
"""Exercise 2.2 (solution): unknown words and the end-of-text token (book §2.4)."""

import re


def encode_with_unknown(text, vocab):
    """Encode ``text`` with a word-level ``vocab`` that contains ``"<|unk|>"``."""
    pieces = [p.strip() for p in re.split(r'(\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = 'split on whitespace only'  # the check's message must name this
