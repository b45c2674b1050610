# MUTANT: splits on ' ' instead of \s: a newline or tab keeps two words in one (unknown) piece
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--| )', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "split on ' ' only"
