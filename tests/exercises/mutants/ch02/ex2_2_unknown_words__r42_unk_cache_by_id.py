# MUTANT: the <|unk|> id cached in a module dict keyed by id(vocab)
import re

_UNK_IDS = {}


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    key = id(vocab)
    if key not in _UNK_IDS:
        _UNK_IDS[key] = vocab["<|unk|>"]
    unk = _UNK_IDS[key]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = 'keeps state between calls'
