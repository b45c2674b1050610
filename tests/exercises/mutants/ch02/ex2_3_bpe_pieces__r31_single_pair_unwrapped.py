# MUTANT: a text of one token returns the pair itself, not a list of one pair
EXPECTED_CAUSE = "so the answer is a list of 1 pair"


def bpe_pieces(text, tokenizer):
    pairs = [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
    return pairs[0] if len(pairs) == 1 else pairs
