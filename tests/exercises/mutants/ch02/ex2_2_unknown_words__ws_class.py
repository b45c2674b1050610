# MUTANT: a split on space, tab and newline only
import re


def encode_with_unknown(text, vocab):
    pieces = [p for p in re.split(r'([,.:;?_!"()\']|--|[ \t\n])', text) if p and p not in " \t\n"]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "tab and newline only"
