"""The text is NFKC-normalised before encoding."""
import unicodedata

EXPECTED_CAUSE = "unicodedata.normalize('NFKC')"


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(unicodedata.normalize("NFKC", text))
    return [(i, tokenizer.decode([i])) for i in ids]
