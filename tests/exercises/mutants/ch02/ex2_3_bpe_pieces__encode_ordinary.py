"""tiktoken's encode_ordinary instead of the given tokenizer's encode."""

EXPECTED_CAUSE = "tiktoken's Encoding only"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode_ordinary(text)]
