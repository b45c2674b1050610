# MUTANT: a leading <|endoftext|> removed with str.strip, which takes a set of characters
import re


def encode_with_unknown(text, vocab):
    eot = text.startswith("<|endoftext|>")
    text = text.strip("<|endoftext|>") if eot else text  # noqa: B005 - the mistake
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab["<|endoftext|>"]] * eot + [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "removes any of the characters"
