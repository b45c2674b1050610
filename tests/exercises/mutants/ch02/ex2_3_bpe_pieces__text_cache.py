# MUTANT: pieces cached by the text alone: another tokenizer gets the old ids
_cache = {}


def bpe_pieces(text, tokenizer):
    if text not in _cache:
        _cache[text] = [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]
    return _cache[text]


EXPECTED_CAUSE = 'cache keyed by the text alone'
