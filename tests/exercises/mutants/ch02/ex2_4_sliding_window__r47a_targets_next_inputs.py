# MUTANT: targets taken as the next windows' inputs (inputs[1:]) plus a last target cut on its own
import torch


def sliding_windows(token_ids, max_length, stride):
    starts = list(range(0, len(token_ids) - max_length, stride))
    inputs = [list(token_ids[s : s + max_length]) for s in starts]
    # the target of a window is the next window; the last one is cut from the ids
    last = starts[-1] if starts else 0
    targets = inputs[1:] + [list(token_ids[last + 1 : last + max_length + 1])] if starts else []
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))

EXPECTED_CAUSE = "targets taken as inputs[1:]"
