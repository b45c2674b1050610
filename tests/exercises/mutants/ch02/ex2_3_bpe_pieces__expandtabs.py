# MUTANT: pieces passed through str.expandtabs() for display
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).expandtabs()) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = 'made 8 spaces'  # the check's message must name this
