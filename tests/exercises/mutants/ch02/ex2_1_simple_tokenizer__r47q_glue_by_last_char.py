# MUTANT: decode glues a word to the one before when its LAST character is a mark (word[-1] in
# marks), so 'Mr.' loses its space and "'s" keeps it
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        marks = ',.?!"()\''
        out = ""
        for i in ids:
            word = self.int_to_str[i]
            if out and word[-1] not in marks:
                out += " "
            out += word
        return out


EXPECTED_CAUSE = "tests the last character of each word"
