# MUTANT: an unknown piece that is not a word gets the <|endoftext|> id instead of <|unk|>
import re

EXPECTED_CAUSE = "'[tea]' read back as '<|endoftext|>'"


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk, eot = vocab["<|unk|>"], vocab["<|endoftext|>"]
    return [vocab[p] if p in vocab else (unk if p[0].isalnum() else eot) for p in pieces]
