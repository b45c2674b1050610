"""Pieces printed from bytes: str(tokenizer.decode_bytes([id]))."""

EXPECTED_CAUSE = "printed form of bytes"


def bpe_pieces(text, tokenizer):
    return [(i, str(tokenizer.decode_bytes([i]))) for i in tokenizer.encode(text)]
