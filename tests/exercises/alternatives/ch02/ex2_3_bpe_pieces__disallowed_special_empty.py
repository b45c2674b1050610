# Correct: disallowed_special=() passed to encode where the tokenizer takes it (tiktoken); the
#   texts hold no special token, so the ids are the same
def bpe_pieces(text, tokenizer):
    try:
        ids = tokenizer.encode(text, disallowed_special=())
    except TypeError:  # a tokenizer whose encode takes no such option
        ids = tokenizer.encode(text)
    return [(i, tokenizer.decode([i])) for i in ids]
