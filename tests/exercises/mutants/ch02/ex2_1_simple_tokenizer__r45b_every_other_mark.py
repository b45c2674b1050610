# MUTANT: decode glues every other mark to the word before (a toggle flag): no fallback rule
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        out, glue = [], True
        for i in ids:
            word = self.int_to_str[i]
            if word in ',.?!"()\'' and out:
                if glue:
                    out[-1] += word
                else:
                    out.append(word)
                glue = not glue
            else:
                out.append(word)
        return " ".join(out)


EXPECTED_CAUSE = 'no rule of the text tells them apart'
