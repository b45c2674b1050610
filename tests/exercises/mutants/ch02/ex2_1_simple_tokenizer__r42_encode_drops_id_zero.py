# MUTANT: encode filters its ids with if i: the piece whose id is 0 lost
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
        ids = [self.str_to_int[p] for p in pieces]
        return [i for i in ids if i]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)

EXPECTED_CAUSE = 'your code drops the id 0'
