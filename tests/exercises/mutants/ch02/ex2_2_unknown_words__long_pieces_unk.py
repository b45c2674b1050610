# MUTANT: pieces longer than 8 characters made <|unk|> (fallback: a test besides p in vocab)
"""Exercise 2.2 (solution): unknown words and the end-of-text token (book §2.4).

Ours: the book has no exercise for this; it practises the section named above.
"""

import re


def encode_with_unknown(text, vocab):
    """Encode ``text`` with a word-level ``vocab`` that contains ``"<|unk|>"``.

    Split as in exercise 2.1 (punctuation, ``--`` and whitespace; whitespace dropped). A piece
    found in ``vocab`` becomes its id; any other piece becomes the id of ``"<|unk|>"``. The
    special token ``"<|endoftext|>"`` is an ordinary vocabulary entry (its ``<``, ``|`` and ``>``
    are not split by the regex).

    Example with ``vocab = {"tea": 0, "?": 1, "<|endoftext|>": 2, "<|unk|>": 3}``:
    ``encode_with_unknown("Coffee? <|endoftext|> tea?", vocab)`` is ``[3, 1, 2, 0, 1]``.
    """
    pieces = [p.strip() for p in re.split(r'([,.:;?_!"()\']|--|\s)', text) if p.strip()]
    unk = vocab["<|unk|>"]
    return [vocab.get(p, unk) if len(p) <= 8 else unk for p in pieces]


EXPECTED_CAUSE = "a test of your own besides p in vocab"
