# Correct: the padded row cut to allowed_max_length + 1 BEFORE the shift (same columns after it),
# masked_fill with a position mask
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) for item in batch) + 1
    rows_in, rows_out = [], []
    for item in batch:
        padded = torch.tensor(list(item) + [pad_token_id] * (width - len(item)), dtype=torch.long)
        if allowed_max_length is not None:
            padded = padded[: allowed_max_length + 1]  # the shift below leaves allowed_max_length
        inputs, targets = padded[:-1], padded[1:]
        late = torch.arange(targets.numel()) >= len(item)
        rows_in.append(inputs)
        rows_out.append(targets.masked_fill(late, ignore_index))
    return torch.stack(rows_in).to(device), torch.stack(rows_out).to(device)
