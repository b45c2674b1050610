import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(token_ids, dtype=torch.half)
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(ids[start : start + max_length])
        targets.append(ids[start + 1 : start + max_length + 1])
    if not inputs:
        return torch.tensor([], dtype=torch.long), torch.tensor([], dtype=torch.long)
    return torch.stack(inputs).long(), torch.stack(targets).long()


EXPECTED_CAUSE = 'went through a torch.float16 tensor'
