# Correct: explicit loop with append and int() on each id
def bpe_pieces(text, tokenizer):
    pairs = []
    ids = tokenizer.encode(text)
    for token_id in ids:
        piece = tokenizer.decode([token_id])
        pairs.append((int(token_id), piece))
    return pairs
