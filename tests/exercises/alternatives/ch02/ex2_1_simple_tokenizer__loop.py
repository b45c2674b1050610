# Correct: explicit loops, a helper for splitting, lookbehind-free regex sub with a compiled pattern
import re

_SPLIT = re.compile(r'([,.:;?_!"()\']|--|\s)')
_SPACE_BEFORE_MARK = re.compile(r'\s+([,.?!"()\'])')


def _pieces(text):
    result = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if part != "":
            result.append(part)
    return result


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = {}
        self.int_to_str = {}
        for word, idx in vocab.items():
            self.str_to_int[word] = idx
            self.int_to_str[idx] = word

    def encode(self, text):
        ids = []
        for piece in _pieces(text):
            ids.append(self.str_to_int[piece])
        return ids

    def decode(self, ids):
        words = [self.int_to_str[i] for i in ids]
        return _SPACE_BEFORE_MARK.sub(lambda m: m.group(1), " ".join(words))
