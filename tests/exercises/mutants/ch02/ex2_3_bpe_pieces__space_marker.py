# MUTANT: spaces in each piece written as "<sp>" to make them visible (display form kept)

EXPECTED_CAUSE = 'a piece is changed after decoding'


def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).replace(" ", "<sp>")) for i in tokenizer.encode(text)]
