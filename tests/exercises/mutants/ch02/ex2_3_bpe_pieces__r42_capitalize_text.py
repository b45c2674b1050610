# MUTANT: str.capitalize() on the text before encoding
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text.capitalize())
    return [(i, tokenizer.decode([i])) for i in ids]

EXPECTED_CAUSE = 'you capitalised the text'
