"""A flag lets only the first unknown piece through as <|unk|>; later ones are dropped."""
import re

EXPECTED_CAUSE = "only the first unknown piece"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    out, seen_unk = [], False
    for p in pieces:
        if p in vocab:
            out.append(vocab[p])
        elif not seen_unk:
            out.append(vocab["<|unk|>"])
            seen_unk = True
    return out
