# MUTANT: unk id taken as the position of '<|unk|>' among the vocabulary keys, not its id
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = list(vocab).index("<|unk|>")
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "the position of '<|unk|>' among the vocabulary's keys"
