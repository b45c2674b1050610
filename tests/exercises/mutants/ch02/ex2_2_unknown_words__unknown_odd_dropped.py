# MUTANT: unknown punctuation dropped instead of <|unk|>
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    out = []
    for p in pieces:
        if p in vocab:
            out.append(vocab[p])
        elif p.isalnum():
            out.append(vocab["<|unk|>"])
    return out


EXPECTED_CAUSE = "not plain words"  # the check's message must name this
