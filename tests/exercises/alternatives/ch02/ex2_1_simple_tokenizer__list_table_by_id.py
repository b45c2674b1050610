# Correct: the decode table is a list indexed by id (None in the gaps), which decodes every id of
#   the vocabulary
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        table = [None] * (max(vocab.values(), default=-1) + 1)
        for s, i in vocab.items():
            table[i] = s
        self.int_to_str = table

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
