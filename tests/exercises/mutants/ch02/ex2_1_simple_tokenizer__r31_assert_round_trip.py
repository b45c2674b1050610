# MUTANT: encode asserts decode(encode(text)) == text, which fails for right code
import re

EXPECTED_CAUSE = 'a check that decode(encode(text)) == text fails for right code'


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        ids = [self.str_to_int[p.strip()] for p in pieces if p.strip()]
        assert self.decode(ids) == text, "round trip failed"
        return ids

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
