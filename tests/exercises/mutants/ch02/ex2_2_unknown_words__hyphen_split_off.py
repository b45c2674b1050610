# MUTANT: hyphenated words split at the hyphen and the hyphen dropped (co-op -> co, op)
import re

EXPECTED_CAUSE = "a hyphen between two letters was split off and dropped"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s|(?<=\w)-(?=\w))', text)
              if p and p.strip() and p != "-"]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
