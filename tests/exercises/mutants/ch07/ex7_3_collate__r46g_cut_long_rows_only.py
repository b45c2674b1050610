# MUTANT: only the rows of texts longer than allowed_max_length are cut; the shorter rows keep
# the full batch width, so torch.stack gets rows of different lengths
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        padded = list(item) + [pad_token_id] * (width - len(item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        # only texts longer than the limit need cutting
        if allowed_max_length is not None and len(item) > allowed_max_length:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "only the rows of texts longer than allowed_max_length were cut"
