"""Pieces from tiktoken's decode_single_token_bytes instead of tokenizer.decode([id])."""

EXPECTED_CAUSE = "tiktoken's Encoding only"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode_single_token_bytes(i).decode("utf-8", errors="replace"))
            for i in tokenizer.encode(text)]
