# MUTANT: allowed_max_length keeps the last columns, [-allowed_max_length:]
import torch

EXPECTED_CAUSE = "the cut keeps the LAST allowed_max_length columns"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    batch_max_length = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    for instruction_length, item in batch:
        new_item = list(item) + [pad_token_id]
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        if instruction_length > 1:
            targets[:instruction_length - 1] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[-allowed_max_length:]
            targets = targets[-allowed_max_length:]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
