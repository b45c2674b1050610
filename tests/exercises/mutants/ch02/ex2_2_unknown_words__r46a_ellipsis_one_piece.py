# MUTANT: an ellipsis alternative in the split pattern: '...' is one unknown piece
import re

EXPECTED_CAUSE = "keeps the dots of an ellipsis together"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'(\.\.\.|[,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
