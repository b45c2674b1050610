# MUTANT: decode results cached on the class by the ids, shared by every tokenizer
import re


class SimpleTokenizer:
    _decoded = {}

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        key = tuple(ids)
        if key not in SimpleTokenizer._decoded:
            text = " ".join(self.int_to_str[i] for i in ids)
            SimpleTokenizer._decoded[key] = re.sub(r'\s+([,.?!"()\'])', r"\1", text)
        return SimpleTokenizer._decoded[key]

EXPECTED_CAUSE = "a cache keyed by the ids alone"
