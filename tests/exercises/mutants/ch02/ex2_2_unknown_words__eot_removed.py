# MUTANT: '<|endoftext|>' taken out of the text before the split
import re


def encode_with_unknown(text, vocab):
    text = text.replace("<|endoftext|>", " ")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "removed '<|endoftext|>' from the text"
