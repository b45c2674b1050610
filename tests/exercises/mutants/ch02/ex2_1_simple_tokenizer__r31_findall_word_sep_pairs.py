# MUTANT: encode pairs each word with the separator after it (re.findall(r'(.*?)(sep)')), so a
#   word at the end of a text with no final mark is lost
import re

EXPECTED_CAUSE = "a re.findall pattern that needs a separator next to each word"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pairs = re.findall(r'(.*?)([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p] for pair in pairs for p in pair if p.strip()]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
