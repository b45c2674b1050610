# MUTANT: encode returns sorted(set(ids)) (the vocabulary-building step copied into encode): order
# and repeats lost
import re

EXPECTED_CAUSE = 'sorted, each id once'


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        pieces = [p.strip() for p in pieces if p.strip()]
        return sorted(set(self.str_to_int[p] for p in pieces))

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
