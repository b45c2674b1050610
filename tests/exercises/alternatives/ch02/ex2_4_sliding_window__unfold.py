# Correct: Tensor.unfold over the ids without their last (inputs) / first (targets) id
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.as_tensor(token_ids, dtype=torch.long)
    if ids.numel() - 1 < max_length:
        empty = torch.empty((0, max_length), dtype=torch.long)
        return empty, empty.clone()
    inputs = ids[:-1].unfold(0, max_length, stride)  # (num_windows, max_length)
    targets = ids[1:].unfold(0, max_length, stride)  # (num_windows, max_length)
    return inputs.contiguous(), targets.contiguous()
