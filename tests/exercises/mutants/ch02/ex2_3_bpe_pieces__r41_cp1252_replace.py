# MUTANT: text sent through cp1252 with errors='replace' (named by the fallback's edit)
def bpe_pieces(text, tokenizer):
    text = text.encode("cp1252", errors="replace").decode("cp1252")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "'\\u2615' made '?'"
