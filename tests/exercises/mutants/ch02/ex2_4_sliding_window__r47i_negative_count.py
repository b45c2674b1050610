# MUTANT: tensors preallocated with a window count (len(ids) - max_length - 1) // stride + 1,
# which goes below 0 when the ids are fewer than max_length (torch.empty of a negative size)
import torch

EXPECTED_CAUSE = "clamp the count at 0"


def sliding_windows(token_ids, max_length, stride):
    num_windows = (len(token_ids) - max_length - 1) // stride + 1
    inputs = torch.empty((num_windows, max_length), dtype=torch.long)
    targets = torch.empty((num_windows, max_length), dtype=torch.long)
    ids = torch.as_tensor(token_ids, dtype=torch.long)
    for k in range(num_windows):
        s = k * stride
        inputs[k] = ids[s:s + max_length]
        targets[k] = ids[s + 1:s + max_length + 1]
    return inputs, targets
