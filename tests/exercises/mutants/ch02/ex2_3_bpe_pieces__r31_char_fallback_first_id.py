# MUTANT: when the pieces do not join back, one pair per character with the first id of each
#   character encoded alone
EXPECTED_CAUSE = 'kept its first id (tokenizer.encode(c)[0])'


def bpe_pieces(text, tokenizer):
    pairs = [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
    if "".join(p for _, p in pairs) != text:
        pairs = [(tokenizer.encode(c)[0], c) for c in text]
    return pairs
