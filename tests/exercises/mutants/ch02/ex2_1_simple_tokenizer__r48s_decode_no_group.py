# MUTANT: decode's pattern has no capture group, yet its replacement is r'\1' (re.error)
import re

EXPECTED_CAUSE = "names a capture group your pattern does not have"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+[,.?!"()\']', r"\1", text)
