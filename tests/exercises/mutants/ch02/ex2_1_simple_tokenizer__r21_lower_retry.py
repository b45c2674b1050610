"""An unknown word is tried again in lower case instead of raising KeyError."""
import re

EXPECTED_CAUSE = "looked the unknown word up again in another case"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
        return [self.str_to_int[p] if p in self.str_to_int else self.str_to_int[p.lower()]
                for p in pieces]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
