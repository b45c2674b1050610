# MUTANT: only alphabetic pieces may become <|unk|>; unknown punctuation/digits raise KeyError
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    out = []
    for p in pieces:
        if p.isalpha() and p not in vocab:
            out.append(vocab["<|unk|>"])
        else:
            out.append(vocab[p])
    return out


EXPECTED_CAUSE = 'was looked up with vocab[p]'
