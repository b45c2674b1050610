# MUTANT: the '<|unk|>' id read with vocab.pop, which removes it from the caller's vocabulary
import re


def encode_with_unknown(text, vocab):
    unk = vocab.pop("<|unk|>")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "vocab.pop or del"
