# MUTANT: int_to_str is a class attribute: a second tokenizer overwrites the first's
import re


class SimpleTokenizer:
    int_to_str = {}

    def __init__(self, vocab):
        self.str_to_int = vocab
        for s, i in vocab.items():
            self.int_to_str[i] = s

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = 'shared by every tokenizer'
