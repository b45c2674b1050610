# MUTANT: a known piece gets its position among the vocabulary's keys (list(vocab).index)
import re


def encode_with_unknown(text, vocab):
    keys = list(vocab)
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [keys.index(p) if p in vocab else unk for p in pieces]

EXPECTED_CAUSE = "position among the vocabulary's keys"
