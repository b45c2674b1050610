# MUTANT: encode appends the first piece's id again at the end (a loop that closes the sentence)
import re

EXPECTED_CAUSE = 'every piece is right, then'


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        ids = [self.str_to_int[p.strip()] for p in pieces if p.strip()]
        return ids + ids[:1]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
