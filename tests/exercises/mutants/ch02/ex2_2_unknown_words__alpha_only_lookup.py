"""Only alphabetic pieces are looked up: marks and <|endoftext|> become <|unk|>."""
import re

EXPECTED_CAUSE = "your lookup takes only words"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab[p] if p.isalpha() and p in vocab else unk for p in pieces]
