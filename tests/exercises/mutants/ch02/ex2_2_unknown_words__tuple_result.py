# MUTANT: returns a tuple instead of a list
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return tuple(vocab.get(p, unk) for p in pieces)


EXPECTED_CAUSE = 'returned a tuple'
