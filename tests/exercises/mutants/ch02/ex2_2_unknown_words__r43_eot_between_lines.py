# MUTANT: an <|endoftext|> inserted between the lines of the text (the book joins documents with it)
import re


def encode_with_unknown(text, vocab):
    text = " <|endoftext|> ".join(text.splitlines())
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "where the text breaks a line"
