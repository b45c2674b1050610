# MUTANT: windows collected with np.array and torch.from_numpy: with no window np.array([]) is
# float64, so the result is a float64 tensor
import numpy as np
import torch

EXPECTED_CAUSE = "NumPy makes an empty array float64"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(token_ids[start:start + max_length])
        targets.append(token_ids[start + 1:start + max_length + 1])
    return torch.from_numpy(np.array(inputs)), torch.from_numpy(np.array(targets))
