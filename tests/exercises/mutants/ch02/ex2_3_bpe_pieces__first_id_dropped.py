# MUTANT: loop starts at 1: the first id is left out
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(ids[k], tokenizer.decode([ids[k]])) for k in range(1, len(ids))]


EXPECTED_CAUSE = 'left out the first id'
