# MUTANT: encode appends to a list on the class (ids = [] in the class body), shared by every
#   tokenizer and never emptied
import re


class SimpleTokenizer:
    ids = []

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        for p in re.split(r'([,.:;?_!"()\']|--|\s)', text):
            if p.strip():
                self.ids.append(self.str_to_int[p.strip()])
        return list(self.ids)

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)

EXPECTED_CAUSE = "a freshly loaded copy of your file encodes this text right"
