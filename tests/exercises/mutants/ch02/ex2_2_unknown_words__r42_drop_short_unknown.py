# MUTANT: unknown pieces of 1 or 2 characters dropped as noise
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces if p in vocab or len(p) > 2]

EXPECTED_CAUSE = 'leaves out unknown pieces of at most 2'
