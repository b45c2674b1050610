# MUTANT: a hand-written character scanner that never adds the word it was building when
#   the text ends
EXPECTED_CAUSE = 'a character loop that never adds the word it was building'


class SimpleTokenizer:
    MARKS = ',.:;?_!"()\''

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def _pieces(self, text):
        pieces, word, i = [], "", 0
        while i < len(text):
            c = text[i]
            if text.startswith("--", i) or c in self.MARKS or c.isspace():
                if word:
                    pieces.append(word)
                    word = ""
                if text.startswith("--", i):
                    pieces.append("--")
                    i += 2
                    continue
                if not c.isspace():
                    pieces.append(c)
            else:
                word += c
            i += 1
        return pieces

    def encode(self, text):
        return [self.str_to_int[p] for p in self._pieces(text)]

    def decode(self, ids):
        import re
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
