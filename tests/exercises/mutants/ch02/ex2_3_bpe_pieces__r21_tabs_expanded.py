"""Tabs become spaces before encoding (expandtabs)."""

EXPECTED_CAUSE = "you replaced each tab by spaces"


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text.expandtabs())
    return [(i, tokenizer.decode([i])) for i in ids]
