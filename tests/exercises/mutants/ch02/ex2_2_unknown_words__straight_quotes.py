# MUTANT: curly quotes are made straight before the split
import re


def encode_with_unknown(text, vocab):
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "curly quotes"
