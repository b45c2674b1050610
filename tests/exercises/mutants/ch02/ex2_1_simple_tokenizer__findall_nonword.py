r"""re.findall(r'\w+|--|[^\w\s]'): '_' stays inside words and a single '-' is split off."""
import re

EXPECTED_CAUSE = "a single '-' is split off"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        return [self.str_to_int[p] for p in re.findall(r"\w+|--|[^\w\s]", text)]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
