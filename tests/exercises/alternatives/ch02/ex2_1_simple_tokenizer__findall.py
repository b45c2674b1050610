# Correct: re.findall with a pattern for the pieces, decode by gluing marks in a loop
import re


class SimpleTokenizer:
    PIECE = re.compile(r"""--|[,.:;?_!"()']|(?:(?!--)[^\s,.:;?_!"()'])+""")
    NO_SPACE_BEFORE = set(',.?!"()\'')

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = dict(vocab)
        self.inverse = {idx: word for word, idx in self.vocab.items()}

    def encode(self, text: str) -> list[int]:
        return [self.vocab[piece] for piece in self.PIECE.findall(text)]

    def decode(self, ids) -> str:
        out = ""
        for k, idx in enumerate(ids):
            word = self.inverse[int(idx)]
            if k > 0 and word[:1] not in self.NO_SPACE_BEFORE:
                out += " "
            out += word
        return out
