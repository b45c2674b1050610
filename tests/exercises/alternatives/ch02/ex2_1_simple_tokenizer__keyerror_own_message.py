# Correct: raises a KeyError with its own message for an unknown word; otherwise the reference
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        ids = []
        for p in re.split(r'([,.:;?_!"()\']|--|\s)', text):
            p = p.strip()
            if not p:
                continue
            if p not in self.str_to_int:
                raise KeyError(f"unknown word {p!r}")
            ids.append(self.str_to_int[p])
        return ids

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
