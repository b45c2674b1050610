# MUTANT: a piece after a space piece decoded from all the remaining ids (decode(ids[k:]))

EXPECTED_CAUSE = "the decoded piece with ' leading spaces and someunknownPlace.' added"


def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    out = []
    for k, i in enumerate(ids):
        piece = tokenizer.decode([i])
        if k and tokenizer.decode([ids[k - 1]]) == " ":
            piece = tokenizer.decode(ids[k:])
        out.append((i, piece))
    return out
