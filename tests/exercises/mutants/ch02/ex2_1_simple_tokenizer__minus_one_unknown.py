"""Unknown words get -1 from str_to_int.get(piece, -1)."""
import re

EXPECTED_CAUSE = "which is no id of the vocabulary"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
        return [self.str_to_int.get(p, -1) for p in pieces]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
