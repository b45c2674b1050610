# MUTANT: re.findall instead of re.split (only the separators come back)
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r"\s+([,.?!\"()\x27])", r"\1", text)

    def encode(self, text):
        pieces = re.findall(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p] for p in pieces if p.strip()]


EXPECTED_CAUSE = 'only the separators'  # the check's message must name this
