# MUTANT: only the rows of texts longer than allowed_max_length are cut (the others keep the
# batch width)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) + 1 for _, ids in batch)
    inputs_lst, targets_lst = [], []
    for instruction_length, ids in batch:
        padded = list(ids) + [pad_token_id] * (width - len(ids))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(ids):] = ignore_index
        if instruction_length > 1:
            targets[: instruction_length - 1] = ignore_index
        if allowed_max_length is not None and len(ids) > allowed_max_length:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "only the rows of texts longer than allowed_max_length were cut"
