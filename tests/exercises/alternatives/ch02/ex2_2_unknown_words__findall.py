# Correct: re.findall for the pieces and a conditional expression
import re

PIECE = re.compile(r"""--|[,.:;?_!"()']|(?:(?!--)[^\s,.:;?_!"()'])+""")


def encode_with_unknown(text: str, vocab: dict[str, int]) -> list[int]:
    return [vocab[p] if p in vocab else vocab["<|unk|>"] for p in PIECE.findall(text)]
