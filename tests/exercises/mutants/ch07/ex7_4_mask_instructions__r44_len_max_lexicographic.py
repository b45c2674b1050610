# MUTANT: the batch width taken as len(max(texts)) + 1: max() of lists compares them
# lexicographically, not by length, so it may pick a shorter text
import torch

EXPECTED_CAUSE = "taken from len(max(batch))"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    texts = [ids for _, ids in batch]
    width = len(max(texts)) + 1
    inputs_lst, targets_lst = [], []
    for instruction_length, ids in batch:
        padded = list(ids) + [pad_token_id] * (width - len(ids))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(ids):] = ignore_index
        if instruction_length > 1:
            targets[: instruction_length - 1] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
