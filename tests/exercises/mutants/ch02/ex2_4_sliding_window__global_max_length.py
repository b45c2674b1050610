# MUTANT: max_length kept in a global from the first call (a second size ignored)
import torch

EXPECTED_CAUSE = "keeps state between calls"

MAX_LENGTH = None


def sliding_windows(token_ids, max_length, stride):
    global MAX_LENGTH
    if MAX_LENGTH is None:
        MAX_LENGTH = max_length
    inputs, targets = [], []
    for start in range(0, len(token_ids) - MAX_LENGTH, stride):
        inputs.append(list(token_ids[start:start + MAX_LENGTH]))
        targets.append(list(token_ids[start + 1:start + MAX_LENGTH + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, MAX_LENGTH),
            torch.tensor(targets, dtype=torch.long).reshape(-1, MAX_LENGTH))
