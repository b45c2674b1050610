# MUTANT: repeated pieces are removed with dict.fromkeys
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in dict.fromkeys(pieces)]

EXPECTED_CAUSE = "removed the repeated pieces"
