# MUTANT: targets[len(item):] = [ignore_index] on a list: the padding tail replaced by one element
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        padded = list(item) + [pad_token_id] * (width - len(item))
        inputs = padded[:-1]
        targets = padded[1:]
        if len(targets) > len(item):
            targets[len(item):] = [ignore_index]      # mask the padding
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(torch.tensor(inputs))
        targets_lst.append(torch.tensor(targets))
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "replaced by a single ignore_index"
