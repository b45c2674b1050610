# MUTANT: the ellipsis written as three dots before encoding (named by the fallback)
def bpe_pieces(text, tokenizer):
    text = text.replace("\u2026", "...")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "made '...'"
