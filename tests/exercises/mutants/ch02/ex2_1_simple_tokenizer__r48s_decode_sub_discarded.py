# MUTANT: decode calls re.sub but returns the joined text: re.sub's new string is thrown away
import re

EXPECTED_CAUSE = "is the result of re.sub kept?"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        re.sub(r'\s+([,.?!"()\'])', r"\1", text)
        return text
