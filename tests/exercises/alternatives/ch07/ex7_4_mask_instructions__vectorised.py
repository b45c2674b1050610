# Correct: vectorised masks from arange compared with per-row lengths (padding and prompt)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    prompt_lengths = torch.tensor([n for n, _ in batch])
    lengths = torch.tensor([len(ids) for _, ids in batch])
    width = int(lengths.max()) + 1
    padded = torch.full((len(batch), width), pad_token_id, dtype=torch.long)
    for row, (_, ids) in enumerate(batch):
        padded[row, : len(ids)] = torch.tensor(list(ids), dtype=torch.long)
    inputs, targets = padded[:, :-1], padded[:, 1:].clone()
    pos = torch.arange(width - 1).unsqueeze(0)  # (1, width - 1)
    targets[pos >= lengths.unsqueeze(1)] = ignore_index  # padding after the first end-of-text
    targets[pos < (prompt_lengths - 1).unsqueeze(1)] = ignore_index  # targets that are prompt
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.contiguous().to(device), targets.to(device)
