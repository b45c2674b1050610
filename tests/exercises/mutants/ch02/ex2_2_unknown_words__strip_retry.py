# MUTANT: an unknown word retried without its plural s
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for p in pieces:
        if p in vocab:
            out.append(vocab[p])
        elif p.endswith("s") and p[:-1] in vocab:
            out.append(vocab[p[:-1]])
        else:
            out.append(unk)
    return out

EXPECTED_CAUSE = "a final 's' removed"
