# MUTANT: the masking loop starts at row 1: the first row keeps its prompt (no replay)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    batch_max_length = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    for _, item in batch:
        new_item = list(item) + [pad_token_id]
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    inputs = torch.stack(inputs_lst)
    targets = torch.stack(targets_lst)
    for i in range(1, len(batch)):
        instruction_length = batch[i][0]
        if instruction_length > 1:
            targets[i, : instruction_length - 1] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)


EXPECTED_CAUSE = 'with the batch reversed the same place differs'
