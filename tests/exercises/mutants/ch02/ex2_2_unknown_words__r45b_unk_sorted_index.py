# MUTANT: the <|unk|> id taken as its position among the sorted words, sorted(vocab).index
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = sorted(vocab).index("<|unk|>")
    return [vocab[p] if p in vocab else unk for p in pieces]


EXPECTED_CAUSE = "sorted(vocab).index('<|unk|>')"
