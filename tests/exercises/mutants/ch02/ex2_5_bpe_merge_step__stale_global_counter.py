# MUTANT: a module-level Counter keeps the pair counts of earlier calls
from collections import Counter

counts = Counter()


def bpe_merge_step(ids, new_id):
    counts.update(zip(ids, ids[1:]))
    if len(ids) < 2:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = 'earlier call'  # the check's message must name this
