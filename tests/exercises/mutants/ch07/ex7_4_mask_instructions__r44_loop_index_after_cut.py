# MUTANT: the prompt masked position by position after the cut to allowed_max_length, so a prompt
# longer than the cut indexes past the row (IndexError)
import torch

EXPECTED_CAUSE = "one index at a time runs past its end"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    batch_max_length = max(len(ids) + 1 for _, ids in batch)
    inputs_lst, targets_lst = [], []
    for instruction_length, ids in batch:
        padded = list(ids) + [pad_token_id] * (batch_max_length - len(ids))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(ids):] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        for pos in range(instruction_length - 1):
            targets[pos] = ignore_index
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
