# MUTANT: trailing <|unk|> ids popped off the end, as if they were padding
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    ids = [vocab.get(p, unk) for p in pieces]
    while ids and ids[-1] == unk:
        ids.pop()
    return ids

EXPECTED_CAUSE = "removes the '<|unk|>' ids at the end"
