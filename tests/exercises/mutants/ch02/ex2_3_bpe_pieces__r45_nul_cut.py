# MUTANT: the text cut at its first NUL character before encoding (a C-string habit)

EXPECTED_CAUSE = "first NUL character"


def bpe_pieces(text, tokenizer):
    text = text.split("\x00", 1)[0]
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
