# MUTANT: the book's dataset assertion (len(token_ids) > max_length) copied in: too few ids raise
#   instead of giving no windows
import torch

EXPECTED_CAUSE = 'Too few ids for one window is no error here'


def sliding_windows(token_ids, max_length, stride):
    assert len(token_ids) > max_length, (
        "Number of tokenized inputs must at least be equal to max_length+1")
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start:start + max_length]))
        targets.append(list(token_ids[start + 1:start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
