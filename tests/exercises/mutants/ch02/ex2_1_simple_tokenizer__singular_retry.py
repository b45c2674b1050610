# MUTANT: an unknown piece is looked up again without a final s
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
        table = self.str_to_int
        return [table[p] if p in table else table[p[:-1] if p.endswith("s") else p] for p in pieces]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)

EXPECTED_CAUSE = "'suns' as 'sun' (a final 's' removed"
