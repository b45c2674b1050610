# MUTANT: pieces stripped of '.' and ',' (those pieces vanish)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip().strip('.,') for p in re.split(r'([,.:;?_!"()\']|--|\s)', text)]
    unk = vocab['<|unk|>']
    return [vocab.get(p, unk) for p in pieces if p]


EXPECTED_CAUSE = "got no id"  # the check's message must name this
