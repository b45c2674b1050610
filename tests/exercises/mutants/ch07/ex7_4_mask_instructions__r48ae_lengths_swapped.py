# MUTANT: the text length and the prompt length swapped (a copy-paste slip in two lists)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) + 1 for _, ids in batch)
    padded = torch.full((len(batch), width), pad_token_id, dtype=torch.long)
    for i, (_, ids) in enumerate(batch):
        padded[i, :len(ids)] = torch.tensor(list(ids), dtype=torch.long)
    inputs, targets = padded[:, :-1].clone(), padded[:, 1:].clone()
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    text_len = torch.tensor([n for n, _ in batch])
    prompt_len = torch.tensor([len(ids) for _, ids in batch])
    pos = torch.arange(targets.shape[1])[None, :]
    targets[pos >= text_len[:, None]] = ignore_index
    targets[pos < (prompt_len[:, None] - 1).clamp(min=0)] = ignore_index
    return inputs.to(device), targets.to(device)

EXPECTED_CAUSE = "the two lengths are swapped"
