# MUTANT: a run of <|endoftext|> tokens collapsed into one
import re


def encode_with_unknown(text, vocab):
    text = re.sub(r'<\|endoftext\|>(\s*<\|endoftext\|>)+', '<|endoftext|>', text)
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "collapses repeated end-of-text tokens"
