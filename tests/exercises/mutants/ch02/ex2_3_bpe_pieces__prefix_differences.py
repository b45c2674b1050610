# MUTANT: each piece is what its id adds to the decoded prefix, not decode([id])
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    pairs, before = [], ""
    for k, i in enumerate(ids):
        now = tokenizer.decode(ids[: k + 1])
        pairs.append((i, now[len(before):]))
        before = now
    return pairs

EXPECTED_CAUSE = "what each id adds to the decoded text"
