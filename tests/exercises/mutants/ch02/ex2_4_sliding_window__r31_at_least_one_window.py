# MUTANT: max(1, ...) in the range end forces a window on ids too short for one (a short row, then
#   a reshape crash)
import torch

EXPECTED_CAUSE = 'a window was cut although no target fits'


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, max(1, len(token_ids) - max_length), stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
