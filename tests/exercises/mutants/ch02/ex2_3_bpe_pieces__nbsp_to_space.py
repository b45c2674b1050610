# MUTANT: non-breaking spaces are made plain spaces before encoding
def bpe_pieces(text, tokenizer):
    text = text.replace("\u00a0", " ")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "non-breaking space"
