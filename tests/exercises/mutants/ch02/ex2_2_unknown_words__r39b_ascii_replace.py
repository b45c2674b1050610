# MUTANT: the text made ASCII with errors='replace': a non-ASCII character becomes a '?' piece
import re


def encode_with_unknown(text, vocab):
    text = text.encode("ascii", errors="replace").decode("ascii")
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "became '?' before the split"
