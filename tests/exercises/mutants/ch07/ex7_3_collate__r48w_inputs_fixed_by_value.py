# MUTANT: padded with ignore_index, then inputs equal to it set to pad_token_id by value
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    rows = []
    for item in batch:
        row = list(item) + [pad_token_id] + [ignore_index] * (width - len(item) - 1)
        rows.append(row)
    full = torch.tensor(rows, dtype=torch.long)
    inputs = full[:, :-1].clone()
    targets = full[:, 1:].clone()
    inputs[inputs == ignore_index] = pad_token_id     # inputs are padded with the pad token
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)


EXPECTED_CAUSE = "inputs[inputs == ignore_index] = pad_token_id"
