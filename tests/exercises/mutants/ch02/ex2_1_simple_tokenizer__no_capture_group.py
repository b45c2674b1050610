# MUTANT: re.split without a capture group drops the punctuation pieces
"""Exercise 2.1 (solution): a word-level tokenizer with encode and decode (book §2.3)."""

import re


class SimpleTokenizer:
    """Word-level tokenizer over ``vocab`` (a dict word -> id)."""

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'[,.:;?_!"()\']|--|\s', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = 'capture group'  # the check's message must name this
