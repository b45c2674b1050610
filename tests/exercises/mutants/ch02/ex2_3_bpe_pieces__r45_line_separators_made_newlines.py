# MUTANT: Unicode line and paragraph separators made newlines before encoding

EXPECTED_CAUSE = "'\\u2028' made '\\n'"


def bpe_pieces(text, tokenizer):
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
