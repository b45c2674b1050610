# MUTANT: decode reads ids as positions in sorted(vocab)
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.words = sorted(vocab)

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.words[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = 'sorted vocabulary'  # the check's message must name this
