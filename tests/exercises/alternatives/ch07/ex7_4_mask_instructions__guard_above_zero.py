# Correct: the guard written as instruction_length > 0 (length 1 masks targets[:0], nothing, as it
#   should)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) for _, ids in batch) + 1
    xs, ys = [], []
    for n_prompt, ids in batch:
        row = list(ids) + [pad_token_id] * (width - len(ids))
        x = torch.tensor(row[:-1], dtype=torch.long)
        y = torch.tensor(row[1:], dtype=torch.long)
        y[len(ids):] = ignore_index
        if n_prompt > 0:
            y[: n_prompt - 1] = ignore_index
        if allowed_max_length is not None:
            x, y = x[:allowed_max_length], y[:allowed_max_length]
        xs.append(x)
        ys.append(y)
    return torch.stack(xs).to(device), torch.stack(ys).to(device)
