# MUTANT: every third piece is decoded as ''
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(i, "" if k % 3 == 2 else tokenizer.decode([i])) for k, i in enumerate(ids)]

EXPECTED_CAUSE = "one in every 3 pieces"
