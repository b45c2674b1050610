"""The inverse vocabulary assigned in __init__ without self. (a local variable)."""
import re

EXPECTED_CAUSE = "without self."


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        int_to_str = {i: s for s, i in vocab.items()}  # noqa: F841 - the mistake under test

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
