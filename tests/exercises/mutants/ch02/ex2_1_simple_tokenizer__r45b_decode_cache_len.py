# MUTANT: decode results memoised per tokenizer by len(ids) (other ids of that length: old text)
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}
        self._decoded = {}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        key = len(ids)
        if key not in self._decoded:
            text = " ".join(self.int_to_str[i] for i in ids)
            self._decoded[key] = re.sub(r'\s+([,.?!"()\'])', r"\1", text)
        return self._decoded[key]


EXPECTED_CAUSE = 'a cache keyed by len(ids)'
