# Correct: the book's GPTDatasetV1 style: a list of tensors per window, then torch.stack
import torch


def sliding_windows(token_ids, max_length, stride):
    input_chunks, target_chunks = [], []
    for i in range(0, len(token_ids) - max_length, stride):
        input_chunks.append(torch.tensor(token_ids[i : i + max_length]))
        target_chunks.append(torch.tensor(token_ids[i + 1 : i + max_length + 1]))
    if not input_chunks:
        empty = torch.zeros((0, max_length), dtype=torch.long)
        return empty, empty.clone()
    return torch.stack(input_chunks).long(), torch.stack(target_chunks).long()
