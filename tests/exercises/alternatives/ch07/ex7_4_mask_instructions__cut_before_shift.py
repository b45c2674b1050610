# Correct: cut to allowed_max_length + 1 before the shift, both masks in one torch.where
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) for _, ids in batch) + 1
    rows_in, rows_out = [], []
    for instruction_length, ids in batch:
        padded = torch.tensor(list(ids) + [pad_token_id] * (width - len(ids)), dtype=torch.long)
        if allowed_max_length is not None:
            padded = padded[: allowed_max_length + 1]
        inputs, targets = padded[:-1], padded[1:]
        pos = torch.arange(targets.numel())
        masked = (pos >= len(ids)) | (pos < instruction_length - 1)
        rows_in.append(inputs)
        rows_out.append(torch.where(masked, torch.tensor(ignore_index), targets))
    return torch.stack(rows_in).to(device), torch.stack(rows_out).to(device)
