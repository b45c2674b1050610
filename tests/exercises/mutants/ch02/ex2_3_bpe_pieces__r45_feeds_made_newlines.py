# MUTANT: form feeds and vertical tabs made newlines before encoding (taken as line breaks)

EXPECTED_CAUSE = "'\\x0c' made '\\n', '\\x0b' made '\\n'"


def bpe_pieces(text, tokenizer):
    text = text.replace("\f", "\n").replace("\v", "\n")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
