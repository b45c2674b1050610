# MUTANT: the <|unk|> id read with `vocab.get("<|unk|>") or len(vocab) - 1`,
#   so an <|unk|> id of 0 becomes the last id
import re


def encode_with_unknown(text, vocab):
    unk = vocab.get("<|unk|>") or len(vocab) - 1
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab[p] if p in vocab else unk for p in pieces]

EXPECTED_CAUSE = "reads an '<|unk|>' id of 0 as missing"
