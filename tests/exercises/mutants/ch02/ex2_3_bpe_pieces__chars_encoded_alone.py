# MUTANT: each character encoded on its own
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for c in text for i in tokenizer.encode(c)]


EXPECTED_CAUSE = 'each character on its own'  # the check's message must name this
