# MUTANT: decode collapses runs of spaces after the join (a vocabulary word with two spaces changes)
import re

EXPECTED_CAUSE = "collapsed the runs of whitespace"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        text = re.sub(r'\s+([,.?!"()\'])', r"\1", text)
        return re.sub(r" {2,}", " ", text)
