# MUTANT: the first two ids of every input window are swapped (a tuple-unpack slip)
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        row = list(token_ids[start:start + max_length])
        if len(row) > 1:
            row[0], row[1] = row[1], row[0]
        inputs.append(row)
        targets.append(list(token_ids[start + 1:start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = 'holds the ids of expected column 1'
