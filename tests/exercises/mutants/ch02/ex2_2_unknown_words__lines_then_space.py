# MUTANT: the text is split into lines, then each line on ' ' only: a tab stays inside a piece
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for line in text.splitlines()
              for p in re.split(r'([,.:;?_!"()\']|--| )', line) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "your split does not cut at '\\t'"
