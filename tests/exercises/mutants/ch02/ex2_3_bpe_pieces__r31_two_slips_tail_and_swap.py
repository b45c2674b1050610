# MUTANT: two slips: (piece, id) pairs and the last id left out (ids[:-1]); the message names both
EXPECTED_CAUSE = 'Even read as (id, piece) your pairs differ'


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)[:-1]
    return [(tokenizer.decode([i]), i) for i in ids]
