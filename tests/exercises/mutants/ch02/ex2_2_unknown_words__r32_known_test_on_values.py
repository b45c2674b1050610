# MUTANT: tests membership against vocab.values() (the ids) instead of the words
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab[p] if p in vocab.values() else unk for p in pieces]


EXPECTED_CAUSE = "your test for a known piece is never true"
