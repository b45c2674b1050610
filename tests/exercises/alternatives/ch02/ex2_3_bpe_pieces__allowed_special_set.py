# Correct: allowed_special={"<|endoftext|>"} passed to encode (the text has no special token)
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text, allowed_special={"<|endoftext|>"})
    return [(i, tokenizer.decode([i])) for i in ids]
