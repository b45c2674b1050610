# MUTANT: the <|unk|> id is cached by the vocabulary's size (kept across vocabularies)
import re

_UNK = {}


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = _UNK.setdefault(len(vocab), vocab["<|unk|>"])
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "a fresh copy of your file"
