# MUTANT: a module-level canvas reused every call; the returned inputs are views of it
"""A wrong answer kept by round 46 (writer p)."""

import torch

EXPECTED_CAUSE = "changed when it ran again"

_BUFFER = None


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    global _BUFFER
    width = max(len(item) + 1 for item in batch)
    rows = len(batch)
    # reuse one canvas between calls to avoid allocating every batch
    if _BUFFER is None or _BUFFER.shape[0] < rows or _BUFFER.shape[1] < width:
        _BUFFER = torch.empty(max(rows, 64), max(width, 2048), dtype=torch.long)
    canvas = _BUFFER[:rows, :width]
    canvas.fill_(pad_token_id)
    for i, item in enumerate(batch):
        canvas[i, :len(item)] = torch.tensor(item, dtype=torch.long)
    inputs = canvas[:, :-1]
    targets = canvas[:, 1:].clone()
    for i, item in enumerate(batch):
        targets[i, len(item):] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
