# MUTANT: a space prepended to the text before encoding
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(" " + text)]


EXPECTED_CAUSE = 'space in front of the text'  # the check's message must name this
