# MUTANT: a module-level id->word table shared by all tokenizers (setdefault: first wins)
import re

_ID_TO_WORD = {}


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        for s, i in vocab.items():
            _ID_TO_WORD.setdefault(i, s)

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(_ID_TO_WORD[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = "freshly imported copy of your file decodes"
