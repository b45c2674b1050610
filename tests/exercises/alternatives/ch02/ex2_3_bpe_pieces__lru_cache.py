# Correct: results cached with functools.lru_cache keyed by (text, tokenizer); same pairs each
# call (a new list each time)
import functools


@functools.cache
def _pieces(text, tokenizer):
    return tuple((i, tokenizer.decode([i])) for i in tokenizer.encode(text))


def bpe_pieces(text, tokenizer):
    return list(_pieces(text, tokenizer))
