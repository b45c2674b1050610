# MUTANT: returns a zip object, not a list of pairs
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return zip(ids, [tokenizer.decode([i]) for i in ids])


EXPECTED_CAUSE = "return a list of (id, piece) pairs"
