# MUTANT: re.sub flag passed as 4th positional arg (count): only 16 spaces removed
import re


class SimpleTokenizer:

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text, re.DOTALL)  # noqa: B034


EXPECTED_CAUSE = "re.sub's fourth positional argument is count"
