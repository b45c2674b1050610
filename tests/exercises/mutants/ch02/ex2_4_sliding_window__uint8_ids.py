# MUTANT: the ids are stored as uint8
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor([[x % 256 for x in r] for r in inputs], dtype=torch.uint8).long(),
            torch.tensor([[x % 256 for x in r] for r in targets], dtype=torch.uint8).long())

EXPECTED_CAUSE = "torch.uint8 tensor"
