# MUTANT: decode removes the space before a mark only when " <ASCII letter>" or the end follows
#   it (a lookahead), so a mark followed by another mark, a digit or a non-ASCII word keeps
#   its space
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r' ([,.?!"()\'])(?= [a-zA-Z]|$)', r"\1", text)

EXPECTED_CAUSE = "depends on what comes after the mark"
