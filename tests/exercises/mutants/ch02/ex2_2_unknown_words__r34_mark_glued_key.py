# MUTANT: a piece right after a mark is looked up with the mark glued in front ("," + word)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for k, p in enumerate(pieces):
        key = pieces[k - 1] + p if k and pieces[k - 1] in "!?" else p
        out.append(vocab.get(key, unk))
    return out

EXPECTED_CAUSE = "the key your code looked up was not exactly"
