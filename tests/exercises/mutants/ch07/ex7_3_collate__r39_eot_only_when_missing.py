# MUTANT: the end-of-text is appended only when the text does not already end with the pad id
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    items = []
    for item in batch:
        item = list(item)
        if not item or item[-1] != pad_token_id:
            item = item + [pad_token_id]
        items.append(item)
    width = max(len(item) for item in items)
    inputs_lst, targets_lst = [], []
    for item in items:
        n = len(item) - 1  # tokens before the end-of-text
        padded = item + [pad_token_id] * (width - len(item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[n:] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "got no end-of-text token of its own"
