"""An unknown word ending in 'ing' is tried again without the ending."""
import re

EXPECTED_CAUSE = "'walking' got the id of 'walk'"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, vocab.get(p[:-3], unk) if p.endswith("ing") else unk) for p in pieces]
