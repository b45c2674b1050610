# MUTANT: whitespace normalised with " ".join(text.split()) before encoding
def bpe_pieces(text, tokenizer):
    text = " ".join(text.split())
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "you normalised the whitespace before encoding"
