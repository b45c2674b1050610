# MUTANT: numpy sliding_window_view over all ids for inputs (one window too many), then trimmed to
# the targets' count from the front
import numpy as np
import torch

EXPECTED_CAUSE = 'your inputs are the same windows'


def sliding_windows(token_ids, max_length, stride):
    ids = np.asarray(list(token_ids), dtype=np.int64)
    view = np.lib.stride_tricks.sliding_window_view
    inputs = view(ids, max_length)[::stride]
    targets = view(ids[1:], max_length)[::stride]
    inputs = inputs[len(inputs) - len(targets):]
    return torch.from_numpy(inputs.copy()), torch.from_numpy(targets.copy())
