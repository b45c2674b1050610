# MUTANT: two slips: pieces lowercased before the lookup and the split list cut with
#   [:-1]; both named
import re

EXPECTED_CAUSE = 'the same word in another case (the pieces lowercased'


def encode_with_unknown(text, vocab):
    pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)[:-1]
    unk = vocab["<|unk|>"]
    return [vocab.get(p.strip().lower(), unk) for p in pieces if p.strip()]
