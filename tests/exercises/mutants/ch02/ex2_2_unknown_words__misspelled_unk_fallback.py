"""A misspelled '<unk>' key whose fallback is len(vocab) - 1, the largest id."""
import re

EXPECTED_CAUSE = "len(vocab) - 1 or max(vocab.values())"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab.get("<unk>", len(vocab) - 1)
    return [vocab.get(p, unk) for p in pieces]
