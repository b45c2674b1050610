# Correct: inputs unfolded over all ids and cut to as many rows as the targets unfolded
#   over ids[1:]
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.as_tensor(list(token_ids), dtype=torch.long)
    if len(ids) <= max_length:
        return (torch.empty(0, max_length, dtype=torch.long),
                torch.empty(0, max_length, dtype=torch.long))
    targets = ids[1:].unfold(0, max_length, stride)
    inputs = ids.unfold(0, max_length, stride)[: len(targets)]
    return inputs.clone(), targets.clone()
