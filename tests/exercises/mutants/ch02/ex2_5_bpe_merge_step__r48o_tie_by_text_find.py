# MUTANT: a tie broken by where the text 'a b' of each pair is found in the ids joined with spaces
# ('1 2' is found inside '11 2')
from collections import Counter

EXPECTED_CAUSE = "is found first in the ids written as one string"


def bpe_merge_step(ids, new_id):
    counts = Counter(zip(ids, ids[1:]))
    if not counts:
        return list(ids), None
    best = max(counts.values())
    text = " ".join(map(str, ids))
    tied = [p for p, c in counts.items() if c == best]
    # the tied pair that occurs first in ids
    pair = min(tied, key=lambda p: text.find(f"{p[0]} {p[1]}"))
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out, pair
