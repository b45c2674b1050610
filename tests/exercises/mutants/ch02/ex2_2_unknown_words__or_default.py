# MUTANT: `vocab.get(p) or unk` maps the word with id 0 to <|unk|>
"""Exercise 2.2 (solution): unknown words and the end-of-text token (book §2.4)."""

import re


def encode_with_unknown(text, vocab):
    """Encode ``text`` with a word-level ``vocab`` that contains ``"<|unk|>"``."""
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [(vocab.get(p) or unk) for p in pieces]


EXPECTED_CAUSE = 'treats the id 0 as missing'  # the check's message must name this
