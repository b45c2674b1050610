# MUTANT: pairs counted with a step of 1 but the merge only looks at even positions (for i in
#   range(0, len(ids) - 1, 2)), so an occurrence at an odd position is not merged
from collections import Counter


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    pair = max(counts, key=counts.__getitem__)
    out = []
    i = 0
    for i in range(0, len(ids) - 1, 2):
        if (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
        else:
            out.extend([ids[i], ids[i + 1]])
    if len(ids) % 2:
        out.append(ids[-1])
    return out, pair

EXPECTED_CAUSE = "steps by two ids at a time"  # the check's message must name this
