"""Characters outside ASCII are dropped before encoding."""

EXPECTED_CAUSE = "dropped the characters outside ASCII"


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text.encode("ascii", "ignore").decode())
    return [(i, tokenizer.decode([i])) for i in ids]
