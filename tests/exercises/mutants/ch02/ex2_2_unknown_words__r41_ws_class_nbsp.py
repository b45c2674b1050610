# MUTANT: whitespace as a fixed class [ \t\n\r\f\v\xa0] (other Unicode spaces kept)
import re


def encode_with_unknown(text, vocab):
    split = re.split(r'([,.:;?_!"()\']|--|[ \t\n\r\f\v\xa0])', text)
    pieces = [p.strip() for p in split if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "your split does not cut at '\\u2009' (THIN SPACE)"
