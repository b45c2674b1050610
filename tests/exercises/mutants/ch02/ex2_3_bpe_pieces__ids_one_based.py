# MUTANT: ids shifted by one (a 1-based index for display)
EXPECTED_CAUSE = "tokenizer.encode(text)'s id +1"


def bpe_pieces(text, tokenizer):
    return [(i + 1, tokenizer.decode([i])) for i in tokenizer.encode(text)]
