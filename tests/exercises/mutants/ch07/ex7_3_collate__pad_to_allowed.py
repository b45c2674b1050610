# MUTANT: pads every batch to allowed_max_length when it is given, instead of to the longest item
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    if allowed_max_length is not None:
        batch_max_length = allowed_max_length + 1
    else:
        batch_max_length = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        new_item = list(item) + [pad_token_id]
        padded = (new_item + [pad_token_id] * (batch_max_length - len(new_item)))[:batch_max_length]
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = 'padded to allowed_max_length'
