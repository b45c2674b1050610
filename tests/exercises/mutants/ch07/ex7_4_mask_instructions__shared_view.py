# MUTANT: inputs and targets are slices of one tensor, so masking the targets masks the inputs
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    longest = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    for instruction_length, item in batch:
        padded = torch.tensor(list(item) + [pad_token_id] * (longest - len(item)))
        inputs, targets = padded[:-1], padded[1:]  # views of the same storage
        targets[len(item):] = ignore_index
        if instruction_length > 1:
            targets[:instruction_length - 1] = ignore_index
        if allowed_max_length is not None:
            inputs, targets = inputs[:allowed_max_length], targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "one position after every masked target"
