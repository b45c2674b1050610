# MUTANT: an id whose piece alone is '\ufffd' (half a character) is decoded together with
# the next id, and that next id gets no pair of its own
def bpe_pieces(text, tokenizer):
    ids = tokenizer.encode(text)
    pairs, k = [], 0
    while k < len(ids):
        piece = tokenizer.decode([ids[k]])
        if "\ufffd" in piece and k + 1 < len(ids):  # half a character: decode it with the next
            pairs.append((ids[k], tokenizer.decode(ids[k:k + 2])))
            k += 2
            continue
        pairs.append((ids[k], piece))
        k += 1
    return pairs

EXPECTED_CAUSE = "together with the id after it, and gave that next id no pair"
