# MUTANT: max_length clamped to len(token_ids) - 1 (a shorter window from too few ids)
import torch


def sliding_windows(token_ids, max_length, stride):
    max_length = min(max_length, len(token_ids) - 1)
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max(max_length, 0)),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max(max_length, 0)))

EXPECTED_CAUSE = "shortens max_length to fit the ids"
