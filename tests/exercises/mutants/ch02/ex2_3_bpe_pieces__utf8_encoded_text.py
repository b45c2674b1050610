# MUTANT: the text is encoded to UTF-8 bytes and decoded as latin-1 before BPE (byte/char
# confusion): non-ASCII text mangled

EXPECTED_CAUSE = 'read them back as Latin-1'


def bpe_pieces(text, tokenizer):
    text = text.encode("utf-8").decode("latin-1")
    ids = tokenizer.encode(text)
    return [(i, tokenizer.decode([i])) for i in ids]
