# MUTANT: each target's last id read one id too far, token_ids[start + max_length + 1]
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        t = list(token_ids[start + 1 : start + max_length]) + [
            token_ids[min(start + max_length + 1, len(token_ids) - 1)]]
        targets.append(t)
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = 'token_ids[start + max_length + 1] in every row'
