# MUTANT: the ids are shuffled before the windows are cut (shuffle=True copied from the book's
#   DataLoader), so windows hold ids in another order
import random

import torch

EXPECTED_CAUSE = "but they are not neighbours there"


def sliding_windows(token_ids, max_length, stride):
    ids = list(token_ids)
    random.Random(0).shuffle(ids)
    inputs, targets = [], []
    for start in range(0, len(ids) - max_length, stride):
        inputs.append(ids[start:start + max_length])
        targets.append(ids[start + 1:start + max_length + 1])
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
