# MUTANT: numbers split off as pieces of their own (a \d+ alternative): "7pm" is "7", "pm"
import re

EXPECTED_CAUSE = "you split the digits off ['7pm']"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\d+|\s)', text)
              if p and p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
