# MUTANT: decode removes the space before a mark only when whitespace or the end follows
# the mark (a lookahead), so "'s" and "(ok)" keep their space
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
        return re.sub(r'\s+([,.?!"()\'])(?=\s|$)', r"\1", text)

EXPECTED_CAUSE = "a lookahead such as (?=\\s|$) after the mark"
