# MUTANT: the text is lowercased before encoding
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text.lower())]


EXPECTED_CAUSE = 'lowercased the text'  # the check's message must name this
