# MUTANT: decode glues only words that are a mark alone (word in marks),
#   so "'s" or "(ok)" keep their space
import re

MARKS = {",", ".", "?", "!", '"', "(", ")", "'"}


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p] for p in pieces if p.strip()]

    def decode(self, ids):
        out = ""
        for i in ids:
            word = self.int_to_str[i]
            if word in MARKS:
                out += word
            else:
                out += " " + word
        return out[1:] if out.startswith(" ") else out

EXPECTED_CAUSE = "tests whole words against the marks"
