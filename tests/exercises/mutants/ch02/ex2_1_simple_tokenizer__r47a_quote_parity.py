# MUTANT: decode keeps the space before every other '"' (a flag for opening quotes)
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        out = ""
        open_quote = False
        for i in ids:
            word = self.int_to_str[i]
            if word == '"':
                # an opening quote keeps its space, a closing one does not
                if open_quote:
                    out += word
                else:
                    out += (" " if out else "") + word
                open_quote = not open_quote
            elif out and word[0] in ',.?!()\'':
                out += word
            else:
                out += (" " if out else "") + word
        return out

EXPECTED_CAUSE = "opening and closing quotes told apart"
