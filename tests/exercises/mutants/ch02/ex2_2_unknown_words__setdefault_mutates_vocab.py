# MUTANT: adds unknown words to the caller's vocab (setdefault)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.setdefault(p, unk) for p in pieces]


EXPECTED_CAUSE = 'changed the vocabulary'  # the check's message must name this
