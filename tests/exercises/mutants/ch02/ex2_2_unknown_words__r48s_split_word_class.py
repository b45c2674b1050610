# MUTANT: the split pattern has \w where \s belongs, so every word character is a piece
import re

EXPECTED_CAUSE = r"\w (any word character) where \s belongs"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\w)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
