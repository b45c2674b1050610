# MUTANT: <|endoftext|> split out of a word it is glued to (spec: only the regex splits)
import re


def encode_with_unknown(text, vocab):
    text = text.replace("<|endoftext|>", " <|endoftext|> ")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = 'out of the word it is glued to'  # the check's message must name this
