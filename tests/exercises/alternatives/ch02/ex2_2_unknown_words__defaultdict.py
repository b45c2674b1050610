# Correct: a defaultdict copy of the vocabulary returns the <|unk|> id for missing pieces
import re
from collections import defaultdict


def encode_with_unknown(text, vocab):
    unk = vocab["<|unk|>"]
    lookup = defaultdict(lambda: unk, vocab)
    pieces = (p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text))
    return [lookup[p] for p in pieces if p]
