# MUTANT: decode returns the list of words (the spaces never joined), misreading "joins the words"
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        return [self.int_to_str[i] for i in ids]


EXPECTED_CAUSE = "returned a list"
