# MUTANT: the split pattern has /s where \s belongs, so it splits at no whitespace
import re

EXPECTED_CAUSE = "splits at no whitespace at all"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|/s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
