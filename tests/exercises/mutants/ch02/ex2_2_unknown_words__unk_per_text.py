# MUTANT: a repeated unknown word gets <|unk|> only once
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out, seen = [], set()
    for p in pieces:
        if p in vocab:
            out.append(vocab[p])
        elif p not in seen:
            seen.add(p)
            out.append(unk)
    return out


EXPECTED_CAUSE = 'occurs again got no id'  # the check's message must name this
