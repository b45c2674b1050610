# MUTANT: byte/char confusion: each piece's bytes decoded as latin-1 (mojibake for non-ASCII text)

EXPECTED_CAUSE = 'your piece is the UTF-8 bytes'


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    return [(i, tokenizer.decode([i]).encode("utf-8").decode("latin-1")) for i in ids]
