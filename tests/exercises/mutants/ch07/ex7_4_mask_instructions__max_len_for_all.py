# MUTANT: every row is masked with the batch's longest instruction_length (computed per row)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    longest = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    for _, item in batch:
        padded = list(item) + [pad_token_id] * (longest - len(item))
        inputs, targets = torch.tensor(padded[:-1]), torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        prompt = max(length for length, _ in batch)
        if prompt > 1:
            targets[:prompt - 1] = ignore_index
        if allowed_max_length is not None:
            inputs, targets = inputs[:allowed_max_length], targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "max of the instruction lengths"
