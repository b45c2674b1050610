"""A leading <|endoftext|> is cut off the text (removeprefix)."""
import re

EXPECTED_CAUSE = "removed the '<|endoftext|>' at the start"


def encode_with_unknown(text, vocab):
    text = text.removeprefix("<|endoftext|>")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
