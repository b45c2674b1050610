# MUTANT: window starts from torch.arange(0, len(ids) - max_length, stride), which raises when the
# end is below 0 (ids fewer than max_length), where Python's range is simply empty
import torch

EXPECTED_CAUSE = "torch.arange's error for an end below its start"


def sliding_windows(token_ids, max_length, stride):
    ids = torch.as_tensor(list(token_ids), dtype=torch.long)
    starts = torch.arange(0, len(ids) - max_length, stride)
    cols = torch.arange(max_length)
    idx = starts[:, None] + cols[None, :]
    return ids[idx], ids[idx + 1]
