# MUTANT: unknown words looked up again capitalised
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, vocab.get(p.capitalize(), unk)) for p in pieces]


EXPECTED_CAUSE = 'first letter capitalised'  # the check's message must name this
