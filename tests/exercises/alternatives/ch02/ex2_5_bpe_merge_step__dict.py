# Correct: plain dict counting (insertion order), manual max with strict >, for-loop merge with skip
def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = {}
    for a, b in zip(ids[:-1], ids[1:]):
        counts[(a, b)] = counts.get((a, b), 0) + 1
    best, best_count = None, 0
    for pair, count in counts.items():
        if count > best_count:
            best, best_count = pair, count
    new_ids = []
    skip = False
    for i, tok in enumerate(ids):
        if skip:
            skip = False
            continue
        if i + 1 < len(ids) and ids[i] == best[0] and ids[i + 1] == best[1]:
            new_ids.append(new_id)
            skip = True
        else:
            new_ids.append(tok)
    return new_ids, best
