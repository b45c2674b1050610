# MUTANT: decode starts from ids[0] and loops over ids[1:], so decode([]) raises IndexError
import re

EXPECTED_CAUSE = "decode([]) is ''"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = self.int_to_str[ids[0]]
        for i in ids[1:]:
            text += " " + self.int_to_str[i]
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
