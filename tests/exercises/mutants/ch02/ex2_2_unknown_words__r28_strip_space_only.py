# MUTANT: pieces filtered with p.strip(' '), so newline and tab pieces are kept and become <|unk|>
import re


def encode_with_unknown(text, vocab):
    pieces = [p.strip(" ") for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip(" ")]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "drops only some whitespace pieces"
