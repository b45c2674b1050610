# MUTANT: unknown words get vocab['<|unk|>'] + 1
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"] + 1
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "vocab['<|unk|>'] + 1, the id after '<|unk|>'"
