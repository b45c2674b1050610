# MUTANT: results cached by the batch's token ids alone (other arguments ignored)
import torch

_CACHE = {}


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    key = tuple(tuple(item) for item in batch)
    if key in _CACHE:
        return _CACHE[key]
    batch_max_length = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        new_item = list(item) + [pad_token_id]
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    result = torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
    _CACHE[key] = result
    return result

EXPECTED_CAUSE = "keeps state between calls"
