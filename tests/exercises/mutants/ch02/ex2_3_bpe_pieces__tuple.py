# MUTANT: a tuple of pairs instead of a list
def bpe_pieces(text, tokenizer):
    return tuple((i, tokenizer.decode([i])) for i in tokenizer.encode(text))


EXPECTED_CAUSE = "tuple of 9 pairs"  # the check's message must name this
