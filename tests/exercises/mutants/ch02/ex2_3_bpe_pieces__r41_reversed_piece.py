# MUTANT: every piece reversed after decoding
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])[::-1]) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "decoded piece reversed"
