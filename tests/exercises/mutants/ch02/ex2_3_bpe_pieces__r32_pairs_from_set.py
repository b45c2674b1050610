# MUTANT: pieces looked up from a dict built over set(ids) (order of the pairs follows the set)
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    table = {i: tokenizer.decode([i]) for i in set(ids)}
    return list(table.items())


EXPECTED_CAUSE = "ids in another order (the first moved one"
