"""Exercise 2.1: a word-level tokenizer with encode and decode (book §2.3).

Ours: the book has no exercise for this; it practises the section named above.
"""

import re


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
        raise NotImplementedError

    def encode(self, text):
        raise NotImplementedError

    def decode(self, ids):
        raise NotImplementedError
