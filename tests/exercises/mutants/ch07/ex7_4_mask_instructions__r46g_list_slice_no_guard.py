# MUTANT: the prompt masked by list slice assignment, targets[:n - 1] = [ignore_index] * (n - 1),
# with no guard: for instruction_length 0 it assigns [] to targets[:-1] and deletes them
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) + 1 for _, ids in batch)
    inputs_lst, targets_lst = [], []
    for instruction_length, ids in batch:
        padded = list(ids) + [pad_token_id] * (width - len(ids))
        inputs = padded[:-1]
        targets = padded[1:]
        targets[len(ids):] = [ignore_index] * (len(targets) - len(ids))
        targets[:instruction_length - 1] = [ignore_index] * (instruction_length - 1)
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return (torch.tensor(inputs_lst, dtype=torch.long, device=device),
            torch.tensor(targets_lst, dtype=torch.long, device=device))


EXPECTED_CAUSE = "with instruction_length 0, instruction_length - 1 is -1"
