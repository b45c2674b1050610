# MUTANT: the split pattern has \S (capital S) where \s belongs, so every character is a piece
import re

EXPECTED_CAUSE = "capital s: any character that is not whitespace"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\S)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
