"""A run of dashes (--+) is one piece, so '----' becomes <|unk|>."""
import re

EXPECTED_CAUSE = "keeps a run of dashes ('----') as one piece"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--+|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
