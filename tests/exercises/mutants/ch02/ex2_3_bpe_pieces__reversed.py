# MUTANT: pieces returned in reverse order
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(i, tokenizer.decode([i])) for i in reversed(ids)]


EXPECTED_CAUSE = 'reverse order'
