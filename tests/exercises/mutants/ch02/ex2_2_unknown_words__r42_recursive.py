# MUTANT: a recursive encode, one piece per call: 2,760 pieces pass the recursion limit
import re

_PIECE = re.compile(r'\s*([,.:;?_!"()\']|--|[^\s,.:;?_!"()\']+?(?=[,.:;?_!"()\']|--|\s|$))')


def encode_with_unknown(text, vocab):
    text = text.lstrip()
    if not text:
        return []
    m = _PIECE.match(text)
    piece = m.group(1)
    unk = vocab["<|unk|>"]
    return [vocab.get(piece, unk)] + encode_with_unknown(text[m.end():], vocab)

EXPECTED_CAUSE = 'calls itself about once per piece'
