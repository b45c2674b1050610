# MUTANT: encode raises KeyError for the word whose id is 0
#   (`if not self.str_to_int.get(p)` reads the id 0 as missing)
import re


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
        ids = []
        for p in pieces:
            i = self.str_to_int.get(p)
            if not i:
                raise KeyError(p)
            ids.append(i)
        return ids

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)

EXPECTED_CAUSE = "raises KeyError for whichever word has the id 0"
