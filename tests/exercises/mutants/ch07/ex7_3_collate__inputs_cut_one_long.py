# Mutant: the inputs cut to allowed_max_length + 1 columns, the targets right.
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        padded = list(item) + [pad_token_id] * (width - len(item))
        inputs, targets = torch.tensor(padded[:-1]), torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        if allowed_max_length is not None:
            inputs, targets = inputs[:allowed_max_length + 1], targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "(+1 against allowed_max_length"
