# MUTANT: decode builds the text in a loop ("" before marks, " " before words) and cuts the first
#   character with [1:], so a text that starts with a mark loses it
class SimpleTokenizer:
    MARKS = set(',.?!"()\'')

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        import re
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        out = ""
        for i in ids:
            w = self.int_to_str[i]
            out += w if w in self.MARKS else " " + w
        return out[1:]

EXPECTED_CAUSE = "at the start of the text"
