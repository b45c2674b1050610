# MUTANT: -- outside the capture group of the split (split at, but dropped)
import re


def encode_with_unknown(text, vocab):
    pieces = [p for p in re.split(r'([,.:;?_!"()\'])|--|\s', text) if p and p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "-- separates pieces but is not kept"
