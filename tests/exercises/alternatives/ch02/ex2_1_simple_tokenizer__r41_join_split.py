# Correct: whitespace normalised with " ".join(text.split()), then a split at single spaces
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        text = " ".join(text.split())
        pieces = re.split(r'([,.:;?_!"()\']|--| )', text)
        return [self.str_to_int[p] for p in pieces if p and p != " "]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
