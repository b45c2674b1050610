"""Each piece is repr() of the decoded text (quotes included)."""

EXPECTED_CAUSE = "quotes included (repr or !r"


def bpe_pieces(text, tokenizer):
    return [(i, repr(tokenizer.decode([i]))) for i in tokenizer.encode(text)]
