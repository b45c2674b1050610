# Correct: decode builds the text word by word, with no space before a word that begins with
# one of , . ? ! " ( ) ' (so 's and (ok) are glued too); no regex in decode
import re


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
            word = self.int_to_str[i]
            if out and word[0] not in ',.?!"()\'':
                out += " "
            out += word
        return out
