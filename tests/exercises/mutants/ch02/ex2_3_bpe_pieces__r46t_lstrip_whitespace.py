# MUTANT: the whitespace at the start of the text stripped before encoding (text.lstrip()),
# the end of the text left as it is
EXPECTED_CAUSE = "you stripped the whitespace at the start of the text"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text.lstrip())]
