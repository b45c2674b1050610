# MUTANT: each tab made two spaces before encoding (no replay: the fallback)
def bpe_pieces(text, tokenizer):
    text = text.replace("\t", "  ")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "made 2 spaces, so the text was changed before encoding"
