# MUTANT: "'s" kept as one piece (a contraction pattern copied from NLTK/spaCy-style tokenizers)
import re

EXPECTED_CAUSE = 'two pieces kept together'


def encode_with_unknown(text, vocab):
    pieces = [p.strip() for p in re.split(r'(\'s\b|[,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces]
