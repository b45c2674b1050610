# MUTANT: decoded pieces are cached by id in a module dict shared by every tokenizer
_PIECES = {}

def bpe_pieces(text, tokenizer):
    out = []
    for i in tokenizer.encode(text):
        if i not in _PIECES:
            _PIECES[i] = tokenizer.decode([i])
        out.append((i, _PIECES[i]))
    return out

EXPECTED_CAUSE = "a cache keyed by the id alone"
