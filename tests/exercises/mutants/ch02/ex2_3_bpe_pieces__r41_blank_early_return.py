# MUTANT: a text of only whitespace returns [] early
def bpe_pieces(text, tokenizer):
    if not text.strip():
        return []
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "your code skips a blank text"
