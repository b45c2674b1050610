# MUTANT: the token ids deduplicated (dict.fromkeys) before the windows are cut
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = list(dict.fromkeys(token_ids))
    xs, ys = [], []
    for s in range(0, len(ids) - max_length, stride):
        xs.append(ids[s:s + max_length])
        ys.append(ids[s + 1:s + max_length + 1])
    return torch.tensor(xs, dtype=torch.long), torch.tensor(ys, dtype=torch.long)


EXPECTED_CAUSE = "the ids with their repeats removed"
