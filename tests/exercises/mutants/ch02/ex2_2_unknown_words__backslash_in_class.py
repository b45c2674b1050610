# MUTANT: the split pattern's class has an extra escaped backslash, so a backslash is split off as
#   its own piece
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\\\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "is there a backslash in your class"  # the check's message must name this
