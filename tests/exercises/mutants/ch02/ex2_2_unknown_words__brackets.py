# MUTANT: the pattern also splits off [ and ]
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\'\[\]]|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "also split off '[]'"  # the check's message must name this
