# MUTANT: decode called with the bare id instead of a one-element list
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode(i)) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = 'takes a list of ids'
