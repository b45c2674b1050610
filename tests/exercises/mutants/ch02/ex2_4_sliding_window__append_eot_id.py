# MUTANT: an <|endoftext|> id (50256) appended to the ids before cutting
import torch


def sliding_windows(token_ids, max_length, stride):
    token_ids = list(token_ids) + [50256]
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = 'token_ids + [50256]'  # the check's message must name this
