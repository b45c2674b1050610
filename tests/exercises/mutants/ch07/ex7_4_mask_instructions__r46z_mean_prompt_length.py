# MUTANT: every row masked with the rounded mean of the instruction lengths
import torch

EXPECTED_CAUSE = 'the mean of the instruction lengths'


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    batch_max_length = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    mean_len = round(sum(n for n, _ in batch) / len(batch))
    for _, item in batch:
        instruction_length = mean_len
        new_item = list(item) + [pad_token_id]
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        if instruction_length > 1:  # [: 0 - 1] would mask all but the last target
            targets[: instruction_length - 1] = ignore_index  # targets that are prompt tokens
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
