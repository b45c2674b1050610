# MUTANT: the text cut to its first 1,000 characters before encoding
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text[:1000])
    return [(i, tokenizer.decode([i])) for i in ids]


EXPECTED_CAUSE = 'text[:1000]'
