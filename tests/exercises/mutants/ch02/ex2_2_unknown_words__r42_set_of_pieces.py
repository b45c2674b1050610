# MUTANT: the pieces go through a set: order and repeats lost
import re


def encode_with_unknown(text, vocab):
    pieces = {p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()}
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = 'a set of the pieces'
