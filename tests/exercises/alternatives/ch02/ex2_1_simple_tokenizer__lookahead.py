# Correct: decode drops whitespace before marks with a lookahead sub; encode keeps vocab by
# reference
import re


class SimpleTokenizer:
    _split = re.compile(r'(--|[,.:;?_!"()\']|\s)')

    def __init__(self, vocab):
        self.vocab = vocab
        self.id_to_token = {v: k for k, v in vocab.items()}

    def encode(self, text):
        return [self.vocab[tok] for tok in map(str.strip, self._split.split(text)) if tok]

    def decode(self, ids):
        joined = " ".join(self.id_to_token[i] for i in ids)
        return re.sub(r"""\s+(?=[,.?!"()'])""", "", joined)
