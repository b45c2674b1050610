# MUTANT: the text rebuilt from its lines, '\n'.join(text.splitlines()), before encoding
def bpe_pieces(text, tokenizer):
    text = "\n".join(text.splitlines())
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "rebuilt the text from its lines"
