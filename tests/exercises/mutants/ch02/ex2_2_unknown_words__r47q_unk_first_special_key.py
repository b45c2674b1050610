# MUTANT: the <|unk|> id found by a scan of the keys: the first key that starts with '<|' and
# is not '<|endoftext|>' (a vocabulary with '<|pad|>' before '<|unk|>' breaks it)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = next(i for w, i in vocab.items() if w.startswith("<|") and w != "<|endoftext|>")
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "finds the '<|unk|>' id by a rule of its own"
