# MUTANT: lowercases the pieces before the lookup
"""Exercise 2.2 (solution): unknown words and the end-of-text token (book §2.4)."""

import re


def encode_with_unknown(text, vocab):
    """Encode ``text`` with a word-level ``vocab`` that contains ``"<|unk|>"``."""
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p.lower(), unk) for p in pieces]


EXPECTED_CAUSE = 'lowercased the pieces'  # the check's message must name this
