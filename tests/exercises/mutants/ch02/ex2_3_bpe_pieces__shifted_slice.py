# MUTANT: off-by-one slice: piece k decoded from ids[k-1:k] (first piece empty, the rest shifted by
# one)

EXPECTED_CAUSE = 'your pieces are one id behind'


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(ids[k], tokenizer.decode(ids[max(k - 1, 0):k])) for k in range(len(ids))]
