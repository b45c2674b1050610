# MUTANT: an empty line read as a document break and given the <|endoftext|> id
import re


def encode_with_unknown(text, vocab):
    text = text.replace("\n\n", " <|endoftext|> ")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = 'the empty line got 1'
