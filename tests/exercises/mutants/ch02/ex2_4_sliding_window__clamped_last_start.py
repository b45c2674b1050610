# MUTANT: an extra last window moved back to end at the last id
import torch


def sliding_windows(token_ids, max_length, stride):
    n = len(token_ids)
    starts = list(range(0, n - max_length, stride))
    if starts and starts[-1] != n - max_length - 1:
        starts.append(n - max_length - 1)  # do not waste the last ids
    inputs = [list(token_ids[s : s + max_length]) for s in starts]
    targets = [list(token_ids[s + 1 : s + max_length + 1]) for s in starts]
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'not a multiple of stride'  # the check's message must name this
