# Correct: decode the ids with map, then zip ids and pieces into a list of tuples
def bpe_pieces(text, tokenizer):
    ids = list(tokenizer.encode(text))
    pieces = list(map(lambda i: tokenizer.decode([i]), ids))
    return list(zip(ids, pieces))
