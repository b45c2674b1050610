# MUTANT: decode returns None for no ids (an early "if not ids: return None"), not the empty text;
#   no replay names it, the fallback shows where the texts part
import re

EXPECTED_CAUSE = "a NoneType where a str belongs (they part at character 0"


class SimpleTokenizer:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        return [self.str_to_int[p.strip()] for p in pieces if p.strip()]

    def decode(self, ids):
        if not ids:
            return None
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
