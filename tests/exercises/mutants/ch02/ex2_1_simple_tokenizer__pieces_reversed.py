# MUTANT: encode returns the ids of the pieces in reverse order (ids collected with insert(0, ...))
import re

EXPECTED_CAUSE = 'in another order, reversed'


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        ids = []
        for p in pieces:
            if p.strip():
                ids.insert(0, self.str_to_int[p.strip()])
        return ids

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
