# MUTANT: the last piece of re.split cut off ([:-1]), so a text that ends in a word loses it
import re

EXPECTED_CAUSE = "re.split's list cut with [:-1]"


def encode_with_unknown(text, vocab):
    pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)[:-1]
    unk = vocab["<|unk|>"]
    return [vocab.get(p.strip(), unk) for p in pieces if p.strip()]
