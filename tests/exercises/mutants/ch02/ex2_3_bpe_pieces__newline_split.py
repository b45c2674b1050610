def bpe_pieces(text, tokenizer):
    out = []
    for line in text.splitlines():
        out += [(i, tokenizer.decode([i])) for i in tokenizer.encode(line)]
    return out


EXPECTED_CAUSE = 'line by line'
