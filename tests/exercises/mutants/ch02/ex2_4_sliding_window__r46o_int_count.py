# MUTANT: the window count rounds a negative quotient toward zero
#   (int((len(ids) - max_length - 1) / stride) + 1)
import torch


def sliding_windows(token_ids, max_length, stride):
    num_windows = int((len(token_ids) - max_length - 1) / stride) + 1
    inputs, targets = [], []
    for k in range(num_windows):
        start = k * stride
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))

EXPECTED_CAUSE = "rounds a negative quotient toward zero"
