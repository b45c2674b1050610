# MUTANT: the ids are re-encoded from each decoded piece (tokenizer.encode(piece)[0]), which
#   changes the id of pieces holding part of a character
def bpe_pieces(text, tokenizer):
    out = []
    for i in tokenizer.encode(text):
        piece = tokenizer.decode([i])
        out.append((tokenizer.encode(piece)[0], piece))
    return out

EXPECTED_CAUSE = "encoded again from its own piece"
