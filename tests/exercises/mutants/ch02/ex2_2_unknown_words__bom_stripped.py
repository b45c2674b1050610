# MUTANT: a leading byte-order mark removed before the split (text.lstrip)
import re

EXPECTED_CAUSE = "removed the byte-order mark"


def encode_with_unknown(text, vocab):
    text = text.lstrip("\ufeff")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
