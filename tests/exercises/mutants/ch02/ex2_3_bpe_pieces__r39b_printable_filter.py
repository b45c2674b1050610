# MUTANT: characters that are not printable (such as the non-breaking space) removed first
def bpe_pieces(text, tokenizer):
    text = "".join(c for c in text if c.isprintable() or c in "\n\t\r ")
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = "only the printable characters"
