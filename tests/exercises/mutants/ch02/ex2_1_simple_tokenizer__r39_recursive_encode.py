# MUTANT: encode recursive (a piece, then recurse on the rest): past the recursion limit
import re

_PATTERN = re.compile(r'([,.:;?_!"()\']|--|\s)')


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        if not text:
            return []
        m = _PATTERN.search(text)
        if m is None:
            return [self.str_to_int[text]]
        head, sep, rest = text[:m.start()], m.group(0), text[m.end():]
        out = []
        if head:
            out.append(self.str_to_int[head])
        if sep.strip():
            out.append(self.str_to_int[sep])
        return out + self.encode(rest)

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)


EXPECTED_CAUSE = 'calls itself about once per piece'
