# MUTANT: position index returned instead of the token id
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(k, tokenizer.decode([i])) for k, i in enumerate(ids)]


EXPECTED_CAUSE = "positions 0, 1, 2"  # the check's message must name this
