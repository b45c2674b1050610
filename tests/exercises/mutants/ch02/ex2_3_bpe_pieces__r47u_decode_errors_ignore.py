# MUTANT: each id decoded with errors="ignore", so a token that holds only part of a
# character's UTF-8 bytes gives '' (or loses its '\ufffd') instead of the replacement character
def bpe_pieces(text, tokenizer):
    return [(i, tokenizer.decode([i], errors="ignore")) for i in tokenizer.encode(text)]


EXPECTED_CAUSE = "errors='ignore'"
