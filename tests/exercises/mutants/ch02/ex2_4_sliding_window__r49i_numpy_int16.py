# MUTANT: ids stored in a numpy int16 array (OverflowError past 32,767)
import numpy as np
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = np.asarray(token_ids, dtype=np.int16)  # compact, like nanoGPT's .bin files
    inputs, targets = [], []
    for start in range(0, len(ids) - max_length, stride):
        inputs.append(ids[start : start + max_length])
        targets.append(ids[start + 1 : start + max_length + 1])
    return (torch.from_numpy(np.array(inputs, dtype=np.int64).reshape(-1, max_length)),
            torch.from_numpy(np.array(targets, dtype=np.int64).reshape(-1, max_length)))


EXPECTED_CAUSE = "puts the ids into int16"  # the check's message must name this
