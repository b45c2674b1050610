# MUTANT: encode results cached by text on the class
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import re


class SimpleTokenizer:
    _cache = {}

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        if text not in self._cache:
            pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
            self._cache[text] = [self.str_to_int[p.strip()] for p in pieces if p.strip()]
        return list(self._cache[text])

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = 'tokenizer checked before this one'  # the check's message must name this
