# MUTANT: pieces longer than 6 characters made <|unk|> (a length test of its own)
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) if len(p) <= 6 or p == "<|endoftext|>" else unk for p in pieces]

EXPECTED_CAUSE = "its length, 7"
