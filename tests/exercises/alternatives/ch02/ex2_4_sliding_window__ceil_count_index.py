# Correct: window count as a ceiling (n - max_length + stride - 1) // stride, windows cut from one
# tensor by index
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    n_windows = max(0, (len(token_ids) - max_length + stride - 1) // stride)
    starts = torch.arange(n_windows) * stride
    idx = starts[:, None] + torch.arange(max_length)[None, :]
    return ids[idx].reshape(-1, max_length), ids[idx + 1].reshape(-1, max_length)
