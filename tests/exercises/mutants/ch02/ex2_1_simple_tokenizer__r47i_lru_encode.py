# MUTANT: encode cached with functools.lru_cache, which hands the same list to every caller of
# one text (a caller that appends to its ids changes what the next encode returns)
import functools
import re

EXPECTED_CAUSE = "returned the same list object both times"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    @functools.cache  # noqa: B019 - the mistake itself
    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p] for p in pieces if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
