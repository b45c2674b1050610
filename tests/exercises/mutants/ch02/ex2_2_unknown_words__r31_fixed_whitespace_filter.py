# MUTANT: whitespace pieces filtered by a fixed list ('', ' ', '\n'), so a tab piece stays and
#   becomes <|unk|>
import re

EXPECTED_CAUSE = "were kept, each becoming '<|unk|>'"


def encode_with_unknown(text, vocab):
    pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) for p in pieces if p not in ("", " ", "\n")]
