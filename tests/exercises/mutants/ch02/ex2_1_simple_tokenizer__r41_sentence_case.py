# MUTANT: decode capitalises the first letter after every sentence end (. ? !)
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
        text = re.sub(r'\s+([,.?!"()\'])', r"\1", text)
        return re.sub(r"([.?!] )(\w)", lambda m: m.group(1) + m.group(2).upper(), text)

EXPECTED_CAUSE = "capitalises the start of every sentence"
