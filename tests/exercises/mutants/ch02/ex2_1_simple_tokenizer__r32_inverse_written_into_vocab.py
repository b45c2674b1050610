# MUTANT: __init__ adds the reverse entries (id -> word) into the caller's vocab dict itself
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab
        for word, i in list(vocab.items()):
            vocab[i] = word

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.vocab[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.vocab[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = "written into vocab itself"
