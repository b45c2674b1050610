# MUTANT: pieces decoded as a batch: tokenizer.decode_batch([[i]]) gives a one-element list per id
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(i, tokenizer.decode_batch([[i]])) for i in ids]


EXPECTED_CAUSE = 'lists holding one string'
