# MUTANT: unknown words replaced in the text with str.replace, which also hits other words
import re


def encode_with_unknown(text, vocab):
    pat = r'([,.:;?_!"()\']|--|\s)'
    pieces = [p.strip() for p in re.split(pat, text) if p.strip()]
    for p in set(pieces):
        if p not in vocab:
            text = text.replace(p, " <|unk|> ")
    pieces = [p.strip() for p in re.split(pat, text) if p.strip()]
    return [vocab[p] for p in pieces]

EXPECTED_CAUSE = "rewrites it inside other words"
