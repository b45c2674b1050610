# MUTANT: an unknown piece retried with '<|>' stripped from its ends ('<|pad|>' as 'pad')
import re

EXPECTED_CAUSE = "with '<', '|' and '>' stripped from its ends"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for p in pieces:
        if p in vocab:
            out.append(vocab[p])
        else:
            out.append(vocab.get(p.strip("<|>"), unk))
    return out
