# MUTANT: results cached with functools.lru_cache keyed by (text, tokenizer) and handed back as
# the stored list (a caller that changes its pairs changes what the next call returns)
import functools

EXPECTED_CAUSE = "returned the same list object both times"


@functools.lru_cache(maxsize=256)
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
