# MUTANT: the newlines at the end of the text collapsed into one before encoding (a text "made
# to end in a single newline"): '\n\n' at the end becomes '\n'


def bpe_pieces(text, tokenizer):
    if text.endswith("\n"):
        text = text.rstrip("\n") + "\n"
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = "collapsed the newlines at the end of the text into one"
