# MUTANT: encode appends to a list made once in __init__ and never cleared, so each call returns
#   the ids of all earlier calls too
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}
        self.ids = []

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        for p in pieces:
            if p.strip():
                self.ids.append(self.str_to_int[p.strip()])
        return list(self.ids)

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)

EXPECTED_CAUSE = "a new tokenizer encodes this text right"
