# MUTANT: trailing spaces stripped (rstrip(' ')) before encoding
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text.rstrip(" "))]

EXPECTED_CAUSE = "stripped the spaces at the end of the text"
