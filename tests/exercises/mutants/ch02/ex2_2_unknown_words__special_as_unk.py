# MUTANT: <|endoftext|> treated as unknown (looked up only among words; specials mapped to unk)
import re


def encode_with_unknown(text, vocab):
    unk = vocab["<|unk|>"]
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab[p] if p in vocab and not p.startswith("<|") else unk for p in pieces]


EXPECTED_CAUSE = 'although the piece is in the vocabulary'  # the check's message must name this
