# Correct: vectorised index grid (starts[:, None] + offsets) and advanced indexing
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    # the end clamped at 0: torch.arange, unlike range, raises on an end below its start
    starts = torch.arange(0, max(len(ids) - max_length, 0), stride, dtype=torch.long)
    index = starts[:, None] + torch.arange(max_length)  # (num_windows, max_length)
    return ids[index], ids[index + 1]
