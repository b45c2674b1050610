# MUTANT: targets from their own range(1, len - max_length, stride): one start fewer at times
import torch


def sliding_windows(token_ids, max_length, stride):
    n = len(token_ids)
    inputs = [token_ids[s:s + max_length] for s in range(0, n - max_length, stride)]
    targets = [token_ids[s:s + max_length] for s in range(1, n - max_length, stride)]
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = "a range of their own"
