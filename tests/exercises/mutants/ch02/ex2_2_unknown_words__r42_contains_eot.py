# MUTANT: a piece that contains <|endoftext|> (glued to words) gets its id
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    out = []
    for p in pieces:
        if "<|endoftext|>" in p and "<|endoftext|>" in vocab:
            out.append(vocab["<|endoftext|>"])
        else:
            out.append(vocab.get(p, unk))
    return out

EXPECTED_CAUSE = "every piece that CONTAINS '<|endoftext|>'"
