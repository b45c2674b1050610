# MUTANT: encode drops a piece equal to the one before it ("the the" -> "the")
import re

EXPECTED_CAUSE = "a piece equal to the one before it was dropped"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
        kept = [p for k, p in enumerate(pieces) if k == 0 or p != pieces[k - 1]]
        return [self.str_to_int[p] for p in kept]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
