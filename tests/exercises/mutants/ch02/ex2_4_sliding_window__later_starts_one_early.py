# MUTANT: every window after the first starts one id early (an off-by-one start)
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for k, start in enumerate(range(0, len(token_ids) - max_length, stride)):
        s = start if k == 0 else start - 1
        inputs.append(list(token_ids[s : s + max_length]))
        targets.append(list(token_ids[s + 1 : s + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = "your input windows start at [0, 3, 7"
