# MUTANT: only a single id is guarded; no ids crash on most_common(1)[0]
from collections import Counter


def bpe_merge_step(ids, new_id):
    if len(ids) == 1:
        return list(ids), None
    pair = Counter(zip(ids, ids[1:])).most_common(1)[0][0]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair


EXPECTED_CAUSE = "check len(ids) < 2 first"  # the check's message must name this
