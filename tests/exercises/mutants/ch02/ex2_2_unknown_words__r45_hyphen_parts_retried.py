# MUTANT: an unknown piece with a hyphen retried as its parts (one piece, several ids)
import re

EXPECTED_CAUSE = 'was looked up again as its parts'


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    ids = []
    for p in pieces:
        if p in vocab:
            ids.append(vocab[p])
        elif "-" in p.strip("-"):
            ids.extend(vocab.get(part, unk) for part in p.split("-") if part)
        else:
            ids.append(unk)
    return ids
