# Correct: split pattern with alternatives reordered, filter(None, ...), decode with str.replace
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.word_to_id = vocab
        self.id_to_word = dict(zip(vocab.values(), vocab.keys()))

    def encode(self, text):
        parts = re.split(r"""(--|\s|[,.:;?_!"()'])""", text)
        words = filter(None, (part.strip() for part in parts))
        return list(map(self.word_to_id.__getitem__, words))

    def decode(self, ids):
        text = " ".join([self.id_to_word[i] for i in ids])
        for mark in ',.?!"()\'':
            text = text.replace(" " + mark, mark)
        return text
