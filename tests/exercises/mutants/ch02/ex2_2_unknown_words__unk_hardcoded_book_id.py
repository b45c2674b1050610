# MUTANT: the <|unk|> id hard-coded as 1131 (the book's vocabulary) instead of vocab["<|unk|>"]
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab.get(p, 1131) for p in pieces]


EXPECTED_CAUSE = 'a fixed id'
