# MUTANT: each piece stripped of trailing newlines (rstrip)
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i]).rstrip("\n")) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = 'taken off (strip, rstrip or lstrip?)'  # the check's message must name this
