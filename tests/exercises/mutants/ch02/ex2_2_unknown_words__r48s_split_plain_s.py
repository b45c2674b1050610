# MUTANT: the split pattern has a plain s where \s belongs (the backslash left out)
import re

EXPECTED_CAUSE = r"plain s where \s belongs"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
