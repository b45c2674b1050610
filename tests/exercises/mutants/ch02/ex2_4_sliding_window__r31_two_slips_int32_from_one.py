# MUTANT: two slips: the tensors are int32 and the windows start at 1 (range(1, ...)); the
#   message names the dtype and says the windows differ too
import torch

EXPECTED_CAUSE = "Beyond the dtype, the values of your windows differ too"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(1, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start:start + max_length]))
        targets.append(list(token_ids[start + 1:start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.int32).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.int32).reshape(-1, max_length))
