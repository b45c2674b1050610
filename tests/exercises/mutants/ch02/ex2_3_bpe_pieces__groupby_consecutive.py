# MUTANT: consecutive equal ids collapsed with itertools.groupby
from itertools import groupby

EXPECTED_CAUSE = "you dropped an id equal to the one just before it"


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i, _ in groupby(tokenizer.encode(text))]
