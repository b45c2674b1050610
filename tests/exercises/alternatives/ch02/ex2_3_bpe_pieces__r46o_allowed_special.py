# Correct: the book's call, encode(text, allowed_special={'<|endoftext|>'}); the same ids for
#   any text without the special token (the contract says nothing about texts that hold it)
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text, allowed_special={"<|endoftext|>"})
    return [(i, tokenizer.decode([i])) for i in ids]
