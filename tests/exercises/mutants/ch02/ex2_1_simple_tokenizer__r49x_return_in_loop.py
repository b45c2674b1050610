# MUTANT: encode's return ids sits inside the loop (under the if), so one id comes back
"""Exercise 2.1 (solution): a word-level tokenizer with encode and decode (book §2.3).

Ours: the book has no exercise for this; it practises the section named above.
"""

import re

EXPECTED_CAUSE = 'this `return` sits straight inside the loop'


class SimpleTokenizer:
    """Word-level tokenizer over ``vocab`` (a dict word -> id).

    ``encode(text)`` splits ``text`` on punctuation ``, . : ; ? _ ! " ( ) '``, on ``--`` and on
    whitespace (the pieces are kept, whitespace is dropped) and returns the id of each piece.
    ``decode(ids)`` joins the words with single spaces and then removes the space in front of
    ``, . ? ! " ( ) '`` (also where such a mark begins a longer piece, such as ``'s``). A piece
    that is not in ``vocab`` is an error: let ``encode`` raise (a KeyError, as ``vocab[piece]``
    does) rather than return None or skip it.

    Example with ``vocab = {"Hello": 0, ",": 1, "world": 2, ".": 3}``:
    ``encode("Hello, world.")`` is ``[0, 1, 2, 3]`` and ``decode([0, 1, 2, 3])`` is
    ``"Hello, world."``.
    """

    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        ids = []
        for p in pieces:
            if p.strip():
                ids.append(self.str_to_int[p.strip()])
                return ids

    def decode(self, ids):
        text = " ".join(self.int_to_str[i] for i in ids)
        return re.sub(r'\s+([,.?!"()\'])', r"\1", text)
