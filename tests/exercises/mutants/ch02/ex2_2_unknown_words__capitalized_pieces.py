# MUTANT: every piece capitalised before the lookup ('tea' looked up as 'Tea')
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p.capitalize(), unk) for p in pieces]


EXPECTED_CAUSE = "(in the vocabulary), got the id"
