# MUTANT: the spaces at the start of the text stripped before encoding (text.lstrip(' '): a
# leading space "would only give a lone ' ' token")
EXPECTED_CAUSE = "you stripped the spaces at the start of the text"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text.lstrip(" "))]
