# MUTANT: pad_sequence rows, padding masked from len(item) + 1, so two end-of-text targets stay
import torch

EXPECTED_CAUSE = "one padding target too many is kept"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    seqs = [torch.tensor(list(item) + [pad_token_id]) for item in batch]
    padded = torch.nn.utils.rnn.pad_sequence(seqs, batch_first=True, padding_value=pad_token_id)
    inputs = padded[:, :-1].clone()
    targets = padded[:, 1:].clone()
    for i, item in enumerate(batch):
        targets[i, len(item) + 1:] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
