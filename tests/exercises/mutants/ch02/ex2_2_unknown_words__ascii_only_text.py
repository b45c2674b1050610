# MUTANT: characters outside ASCII are dropped from the text
import re


def encode_with_unknown(text, vocab):
    text = text.encode("ascii", "ignore").decode()
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "outside ASCII"
