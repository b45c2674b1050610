# MUTANT: re.findall(\w+|...): '_' stays inside words, unlisted characters are lost
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        return [self.str_to_int[p] for p in re.findall(r'\w+|--|[,.:;?_!"()\']', text)]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = 'runs of word characters'
