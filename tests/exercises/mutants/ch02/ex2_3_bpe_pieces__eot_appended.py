# MUTANT: an end-of-text token is added to the text before encoding
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text + "<|endoftext|>", allowed_special={"<|endoftext|>"})
    return [(i, tokenizer.decode([i])) for i in ids]

EXPECTED_CAUSE = "added one id, 50256"
