# MUTANT: str.replace(" " + mark, mark, 1) per mark: only its first occurrence loses the space
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
        for mark in ',.?!"()\'':
            text = text.replace(" " + mark, mark, 1)
        return text


EXPECTED_CAUSE = 'only the first occurrence of each mark lost its space'
