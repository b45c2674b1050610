# MUTANT: a round-trip assertion on the joined pieces, which fails for tokens holding part of a
#   character
EXPECTED_CAUSE = 'a check that the pieces join back fails although the pieces are right'


def bpe_pieces(text, tokenizer):
    pairs = [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
    assert "".join(p for _, p in pairs) == text, "pieces do not join back to the text"
    return pairs
