# MUTANT: whitespace words replaced by <|unk|> before the punctuation split
import re


def encode_with_unknown(text, vocab):
    words = [w if w in vocab else "<|unk|>" for w in text.split()]
    text = " ".join(words)
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    return [vocab[p] for p in pieces]


EXPECTED_CAUSE = 'before splitting off the punctuation'  # the check's message must name this
