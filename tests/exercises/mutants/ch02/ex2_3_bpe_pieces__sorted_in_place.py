def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text).copy().sort()
    return [(i, tokenizer.decode([i])) for i in ids]


EXPECTED_CAUSE = 'in-place method such as list.sort()'
