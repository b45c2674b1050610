# MUTANT: the target is input[1:] plus the input's last id again
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        x = list(token_ids[start:start + max_length])
        inputs.append(x)
        targets.append(x[1:] + [token_ids[start + max_length - 1]])
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'only the last id of your targets'  # the check's message must name this
