# MUTANT: windows cut from torch.as_tensor(token_ids) and put together with torch.stack, which
# keep the ids' dtype: right for a list of ints (int64), int32 windows for a torch.int32 tensor
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.as_tensor(token_ids)
    starts = range(0, len(ids) - max_length, stride)
    if len(starts) == 0:
        empty = torch.empty(0, max_length, dtype=torch.long)
        return empty, empty.clone()
    inputs = torch.stack([ids[s : s + max_length] for s in starts])
    targets = torch.stack([ids[s + 1 : s + max_length + 1] for s in starts])
    return inputs, targets


EXPECTED_CAUSE = "keep the int32 dtype of the ids"  # the check's message must name this
