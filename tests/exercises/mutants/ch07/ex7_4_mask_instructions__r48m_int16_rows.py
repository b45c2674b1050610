# MUTANT: each row is narrowed to torch.int16 to save memory and widened to long at the end,
# so the end-of-text id 50256 has wrapped round to -15280 in the inputs and targets
import torch

EXPECTED_CAUSE = "wrapped round modulo 2**16, so the ids went through an int16"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    for instruction_length, item in batch:
        padded = list(item) + [pad_token_id] * (width - len(item))
        row = torch.tensor(padded).to(torch.int16)
        inputs, targets = row[:-1].clone(), row[1:].clone()
        targets[len(item):] = ignore_index
        if instruction_length > 1:
            targets[:instruction_length - 1] = ignore_index
        if allowed_max_length is not None:
            inputs, targets = inputs[:allowed_max_length], targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return (torch.stack(inputs_lst).long().to(device),
            torch.stack(targets_lst).long().to(device))
