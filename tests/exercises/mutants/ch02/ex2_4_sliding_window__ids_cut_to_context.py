# MUTANT: only the first 1024 ids (GPT-2's context length) are cut into windows
import torch

EXPECTED_CAUSE = "your windows stop as if the ids were cut to their first 1024 ids"


def sliding_windows(token_ids, max_length, stride):
    token_ids = token_ids[:1024]
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
