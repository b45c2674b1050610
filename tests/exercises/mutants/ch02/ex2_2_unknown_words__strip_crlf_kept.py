# MUTANT: whitespace pieces dropped with p.strip(" \t\n"), so a "\r" (Windows line end) or form
# feed becomes an <|unk|> piece
import re

EXPECTED_CAUSE = "pieces ['\\x0b', '\\x0c', '\\r', '\\xa0'] of re.split became"


def encode_with_unknown(text, vocab):
    pieces = [p.strip(" \t\n") for p in re.split(r'([,.:;?_!"()\']|--|\s)', text)]
    pieces = [p for p in pieces if p]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
