# MUTANT: the split pattern has \S (capital S) where \s belongs, so every character is a piece
import re

EXPECTED_CAUSE = "capital s: any character that is not whitespace"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\S)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
