# MUTANT: each piece decoded from the slice ids[k:k+2]
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(i, tokenizer.decode(ids[k:k + 2])) for k, i in enumerate(ids)]


EXPECTED_CAUSE = 'holds the text of ids'  # the check's message must name this
