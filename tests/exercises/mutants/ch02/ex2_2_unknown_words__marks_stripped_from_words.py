# MUTANT: split on whitespace only, then punctuation stripped off words (marks lost)
import re


def encode_with_unknown(text, vocab):
    unk = vocab["<|unk|>"]
    pieces = [w.strip(',.:;?_!"()\'') for w in text.split()]
    return [vocab.get(p, unk) for p in pieces if p]


EXPECTED_CAUSE = "stripped the marks off the words' ends"  # the check's message must name this
