# MUTANT: only '' and ' ' pieces filtered: newline/tab pieces kept (they become <|unk|>)
import re


def encode_with_unknown(text, vocab):
    pieces = [p for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p not in ("", " ")]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]


EXPECTED_CAUSE = "pieces ['\\t', '\\n'] of re.split became"
