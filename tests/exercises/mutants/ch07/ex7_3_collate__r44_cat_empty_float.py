# MUTANT: rows built with torch.tensor(item) and torch.cat; torch.tensor([]) of an empty text is
# float32, so a batch holding an empty text comes out float32 (type promotion in
# cat/stack)
import torch
import torch.nn.functional as F

EXPECTED_CAUSE = "torch.tensor([]) is float32"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) for item in batch) + 1
    inputs_lst, targets_lst = [], []
    for item in batch:
        row = torch.cat([torch.tensor(item), torch.tensor([pad_token_id])])
        row = F.pad(row, (0, width - row.numel()), value=pad_token_id)
        inputs = row[:-1].clone()
        targets = row[1:].clone()
        targets[len(item):] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
