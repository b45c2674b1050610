# MUTANT: ids stored with torch.Tensor (float32) and cast with .long() at the end: ids past 2 **
# 24 are rounded
import torch

EXPECTED_CAUSE = "went through a torch.float32 tensor"


def sliding_windows(token_ids, max_length, stride):
    ids = torch.Tensor(token_ids)  # then .long() at the end
    starts = range(0, len(ids) - max_length, stride)
    inputs = [ids[s : s + max_length] for s in starts]
    targets = [ids[s + 1 : s + max_length + 1] for s in starts]
    if not inputs:
        empty = torch.empty(0, max_length, dtype=torch.long)
        return empty, empty.clone()
    return torch.stack(inputs).long(), torch.stack(targets).long()
