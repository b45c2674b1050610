# MUTANT: module-level cache of piece ids survives across calls with a different vocab
import re

_ids = {}


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for p in pieces:
        if p not in _ids:
            _ids[p] = vocab.get(p, unk)
        out.append(_ids[p])
    return out


EXPECTED_CAUSE = 'earlier call'  # the check's message must name this
