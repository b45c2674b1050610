# MUTANT: decode attaches a mark to the word before only when it is one of ",.?!"
# (quotes and parentheses keep their space)
EXPECTED_CAUSE = """leaves '"' and '(' and ')' and "'" out"""


class SimpleTokenizer:
    def __init__(self, vocab):
        import re
        self.re = re
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = self.re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        out = ""
        for i in ids:
            w = self.int_to_str[i]
            out += w if (w in ",.?!" and out) else (" " + w if out else w)
        return out
