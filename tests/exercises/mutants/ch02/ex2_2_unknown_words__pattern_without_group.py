# MUTANT: no capture group in the split pattern: punctuation pieces dropped
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'[,.:;?_!"()\']|--|\s', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = 'no capture group'  # the check's message must name this
