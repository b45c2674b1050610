# MUTANT: only the first character upper-cased before encoding
def bpe_pieces(text, tokenizer):
    if text:
        text = text[0].upper() + text[1:]
    return [(i, tokenizer.decode([i])) for i in tokenizer.encode(text)]

EXPECTED_CAUSE = 'upper-cased the first character'
