# Correct: pure Python lists, the prompt part of the targets masked with max(n - 1, 0)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) for _, ids in batch) + 1
    inputs_rows, target_rows = [], []
    for instruction_length, ids in batch:
        seq = list(ids) + [pad_token_id] * (width - len(ids))
        targets = seq[1 : len(ids) + 1] + [ignore_index] * (width - 1 - len(ids))
        n_prompt = max(instruction_length - 1, 0)
        targets = [ignore_index] * n_prompt + targets[n_prompt:]
        inputs = seq[:-1]
        if allowed_max_length is not None:
            inputs, targets = inputs[:allowed_max_length], targets[:allowed_max_length]
        inputs_rows.append(inputs)
        target_rows.append(targets)
    return (torch.tensor(inputs_rows, dtype=torch.long).to(device),
            torch.tensor(target_rows, dtype=torch.long).to(device))
