"""A final newline is cut off the text before encoding."""

EXPECTED_CAUSE = "removed the newline at the end"


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text.rstrip("\n"))
    return [(i, tokenizer.decode([i])) for i in ids]
