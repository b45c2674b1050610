# MUTANT: collapses repeated unknown words into a single <|unk|>
"""Exercise 2.2 (solution): unknown words and the end-of-text token (book §2.4)."""

import re


def encode_with_unknown(text, vocab):
    """Encode ``text`` with a word-level ``vocab`` that contains ``"<|unk|>"``."""
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for p in pieces:
        i = vocab.get(p, unk)
        if not (i == unk and out and out[-1] == unk):
            out.append(i)
    return out


EXPECTED_CAUSE = "its own '<|unk|>'"  # the check's message must name this
