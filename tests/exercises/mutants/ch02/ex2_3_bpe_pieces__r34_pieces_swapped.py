# MUTANT: pieces of ids 1 and 2 swapped by a bad index (k ^ 3 for k in 1, 2)
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    pieces = [tokenizer.decode([i]) for i in ids]
    if len(pieces) > 2:
        pieces[1], pieces[2] = pieces[2], pieces[1]
    return list(zip(ids, pieces))

EXPECTED_CAUSE = "your pieces and ids no longer line up"
