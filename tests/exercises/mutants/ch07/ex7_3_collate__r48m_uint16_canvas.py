# MUTANT: the padded rows are built in a np.uint16 array (GPT-2's ids fit in 16 bits), so the
# -100 of ignore_index wraps round to 65436 before the cast to torch.long
import numpy as np
import torch

EXPECTED_CAUSE = "wrapped round modulo 2**16, so the ids went through a uint16"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    padded = np.full((len(batch), width), pad_token_id, dtype=np.uint16)
    for i, item in enumerate(batch):
        padded[i, :len(item)] = item
    inputs = torch.from_numpy(padded[:, :-1].copy())
    targets = torch.from_numpy(padded[:, 1:].copy())  # still uint16: -100 is stored as 65436
    for i, item in enumerate(batch):
        targets[i, len(item):] = ignore_index
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.long().to(device), targets.long().to(device)
