# MUTANT: the text is NFKC-normalised before the split
import re
import unicodedata


def encode_with_unknown(text, vocab):
    text = unicodedata.normalize("NFKC", text)
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]

EXPECTED_CAUSE = "normalised the text with unicodedata.normalize('NFKC')"
