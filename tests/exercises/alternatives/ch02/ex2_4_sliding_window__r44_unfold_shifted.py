# Correct: inputs unfolded from ids[:-1] and targets from ids[1:] with the same window and
#   step give the same starts (every start k * stride with start + max_length < len(ids))
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    if len(ids) <= max_length:
        return (torch.empty(0, max_length, dtype=torch.long),
                torch.empty(0, max_length, dtype=torch.long))
    inputs = ids[:-1].unfold(0, max_length, stride)
    targets = ids[1:].unfold(0, max_length, stride)
    return inputs, targets
