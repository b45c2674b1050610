# MUTANT: range bound len - stride instead of len - max_length
# (right only when stride == max_length)
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - stride, stride):
        if start + max_length + 1 > len(token_ids):
            break
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'stride where max_length belongs'
