# MUTANT: only the first character lower-cased before encoding
def bpe_pieces(text, tokenizer):
    if text:
        text = text[0].lower() + text[1:]
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = 'lowercased the first character'
