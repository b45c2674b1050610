# MUTANT: the batch width is taken from the first item (as if sorted longest first)
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = len(batch[0]) + 1
    rows_in, rows_tg = [], []
    for item in batch:
        seq = list(item) + [pad_token_id]
        seq += [pad_token_id] * (width - len(seq))
        inputs = torch.tensor(seq[:-1], dtype=torch.long)
        targets = torch.tensor(seq[1:], dtype=torch.long)
        targets[len(item):] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        rows_in.append(inputs)
        rows_tg.append(targets)
    return torch.stack(rows_in).to(device), torch.stack(rows_tg).to(device)


EXPECTED_CAUSE = "the batch width was taken from the first item"
