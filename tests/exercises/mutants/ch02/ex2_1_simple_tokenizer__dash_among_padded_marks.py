# MUTANT: '-' in the table of marks padded with spaces (str.translate), so '--' splits in two
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        table = {ord(c): f" {c} " for c in ',.:;?_!"()\'-'}
        return [self.str_to_int[p] for p in text.translate(table).split()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = "'-' is one of your marks"  # the check's message must name this
