# MUTANT: the spaces at both ends of the text stripped before encoding (text.strip(' ')), the
# newlines and tabs kept
EXPECTED_CAUSE = "you stripped the spaces at both ends of the text"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text.strip(" "))]
