# MUTANT: a byte-order mark and zero-width spaces removed from the text before encoding
EXPECTED_CAUSE = "'\\u200b' (ZERO WIDTH SPACE), '\\ufeff' (ZERO WIDTH NO-BREAK SPACE) removed"


def bpe_pieces(text, tokenizer):
    for ch in ("\ufeff", "\u200b"):
        text = text.replace(ch, "")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
