# MUTANT: int_to_str built only in encode (decode before encode fails)
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        self.int_to_str = {i: s for s, i in self.str_to_int.items()}
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = "inverse vocabulary (int_to_str) in __init__"  # the check's message must name this
