# Correct: pure Python lists (no in-place tensor writes), torch.tensor(..., device=...) at the end
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) for item in batch) + 1
    all_inputs, all_targets = [], []
    for item in batch:
        seq = [*item, pad_token_id] + [pad_token_id] * (width - len(item) - 1)
        n_keep = len(item)  # targets 0 .. len(item) - 1 are real tokens or the first end-of-text
        targets = seq[1 : n_keep + 1] + [ignore_index] * (width - 1 - n_keep)
        inputs = seq[:-1]
        if allowed_max_length is not None:
            inputs, targets = inputs[:allowed_max_length], targets[:allowed_max_length]
        all_inputs.append(inputs)
        all_targets.append(targets)
    return (torch.tensor(all_inputs, dtype=torch.long, device=device),
            torch.tensor(all_targets, dtype=torch.long, device=device))
