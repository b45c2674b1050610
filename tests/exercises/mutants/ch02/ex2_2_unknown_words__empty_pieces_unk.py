# MUTANT: empty strings from re.split kept (isspace filter), become <|unk|>
import re


def encode_with_unknown(text, vocab):
    pieces = [p for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if not p.isspace()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "empty strings that re.split returns"  # the check's message must name this
