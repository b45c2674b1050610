# MUTANT: decode built token by token with a "no space before" set that has ";" where "(" belongs
#   (the learner thought an opening bracket keeps its space and a semicolon does not)
import re

NO_SPACE_BEFORE = {",", ".", "?", "!", "\"", ")", "'", ";"}


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        out = ""
        for i in ids:
            tok = self.int_to_str[i]
            if out and tok not in NO_SPACE_BEFORE:
                out += " "
            out += tok
        return out

EXPECTED_CAUSE = "and removed before ';'"  # the check's message must name this
