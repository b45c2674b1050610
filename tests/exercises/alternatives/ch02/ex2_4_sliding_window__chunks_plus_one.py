# Correct: windows of max_length + 1 ids, inputs chunk[:, :-1] and targets chunk[:, 1:]
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.as_tensor(list(token_ids), dtype=torch.long)
    starts = range(0, len(ids) - max_length, stride)
    chunks = [ids[s : s + max_length + 1] for s in starts]
    if not chunks:
        empty = torch.empty(0, max_length, dtype=torch.long)
        return empty, empty.clone()
    chunks = torch.stack(chunks)
    return chunks[:, :-1], chunks[:, 1:]
