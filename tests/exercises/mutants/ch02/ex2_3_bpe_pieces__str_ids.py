# MUTANT: ids returned as strings (str(i)) instead of ints
def bpe_pieces(text, tokenizer):
    return [(str(i), tokenizer.decode([i])) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = "is the str '220'"  # the check's message must name this
