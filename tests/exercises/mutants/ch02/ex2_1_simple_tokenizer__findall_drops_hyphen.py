import re

EXPECTED_CAUSE = 'characters your pattern does not list are lost'



class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.findall(r'--|[,.:;?_!"()\']|[^\s,.:;?_!"()\'-]+', text)
        return [self.str_to_int[p] for p in pieces]

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
