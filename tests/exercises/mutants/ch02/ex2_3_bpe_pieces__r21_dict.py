"""A dict id -> piece instead of a list of (id, piece) pairs."""

EXPECTED_CAUSE = "you returned a dict of"


def bpe_pieces(text, tokenizer):
    return {i: tokenizer.decode([i]) for i in tokenizer.encode(text)}
