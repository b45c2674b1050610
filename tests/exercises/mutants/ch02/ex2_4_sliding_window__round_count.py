# MUTANT: window count computed with round((n - max_length) / stride) instead of a ceiling; a
# window is lost when the remainder is under half a stride
import torch

EXPECTED_CAUSE = "follows round((len(ids) - max_length) / stride)"


def sliding_windows(token_ids, max_length, stride):
    n_windows = max(0, round((len(token_ids) - max_length) / stride))
    inputs = [token_ids[k * stride:k * stride + max_length] for k in range(n_windows)]
    targets = [token_ids[k * stride + 1:k * stride + max_length + 1] for k in range(n_windows)]
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
