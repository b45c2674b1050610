# MUTANT: a progress report every 1,000 positions skips the pair there (no replay)
def bpe_merge_step(ids, new_id):
    if len(ids) < 2:
        return list(ids), None
    counts = {}
    for i in range(len(ids) - 1):
        if i and i % 1000 == 0:
            continue  # progress: i pairs counted
        pair = (ids[i], ids[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    pair = max(counts, key=counts.get)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair

EXPECTED_CAUSE = 'a pair skipped or counted twice somewhere in a long list'
