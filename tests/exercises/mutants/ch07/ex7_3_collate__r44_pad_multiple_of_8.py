# MUTANT: the batch width rounded up to a multiple of 8 (Hugging Face's pad_to_multiple_of, from a
# blog), so every batch gets extra padding columns
import math

import torch

EXPECTED_CAUSE = "rounded up to a multiple of 8"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    longest = max(len(item) + 1 for item in batch)
    width = 8 * math.ceil(longest / 8) + 1
    inputs_lst, targets_lst = [], []
    for item in batch:
        padded = list(item) + [pad_token_id] * (width - len(item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
