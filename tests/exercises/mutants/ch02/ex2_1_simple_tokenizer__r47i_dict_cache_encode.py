# MUTANT: encode results kept in a per-tokenizer dict by text and returned as stored (the same
# list object for every encode of one text)
import re

EXPECTED_CAUSE = "returned the same list object both times"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}
        self._seen = {}

    def encode(self, text):
        if text not in self._seen:
            pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
            self._seen[text] = [self.str_to_int[p] for p in pieces if p.strip()]
        return self._seen[text]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
