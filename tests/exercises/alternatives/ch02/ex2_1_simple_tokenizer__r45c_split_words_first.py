# Correct: str.split() first, then each word split on the marks (str.split and \s agree)
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        ids = []
        for word in text.split():
            for p in re.split(r'([,.:;?_!"()\']|--)', word):
                if p:
                    ids.append(self.str_to_int[p])
        return ids

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
