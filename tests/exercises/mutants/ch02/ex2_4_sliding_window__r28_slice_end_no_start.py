# MUTANT: the input slice ends at max_length instead of start + max_length
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(token_ids[start:max_length])
        targets.append(token_ids[start + 1:start + max_length + 1])
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = "does not move with the window"
