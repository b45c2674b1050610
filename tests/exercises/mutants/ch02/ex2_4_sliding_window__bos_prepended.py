# MUTANT: each input window starts with a BOS id 50256 in place of its first id (a habit from
# models trained with a start token)
import torch

EXPECTED_CAUSE = 'one fixed id'


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append([50256] + list(token_ids[start + 1 : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
