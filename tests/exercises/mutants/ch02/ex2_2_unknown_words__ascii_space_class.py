# MUTANT: whitespace written as the class [ \t\n\r\f\v]: '\u00a0' stays inside a piece
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|[ \t\n\r\f\v])', text)
              if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "a class such as [ \\t\\n\\r\\f\\v]"
