# MUTANT: decode consumes the caller's ids list (pop(0) in a loop), emptying it
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        words = []
        while ids:
            words.append(self.int_to_str[ids.pop(0)])
        return re.sub(r'\s+([,.?!"()\'])', r"\1", " ".join(words))


EXPECTED_CAUSE = "changed the list of ids it was given"
