# MUTANT: the window count written as (len(ids) - 1) // stride - (max_length - 1) // stride, a rule
# that agrees with (len(ids) - max_length) // stride on the first failing size only
import torch


def sliding_windows(token_ids, max_length, stride):
    num_windows = (len(token_ids) - 1) // stride - (max_length - 1) // stride
    inputs = [token_ids[k * stride : k * stride + max_length] for k in range(max(num_windows, 0))]
    targets = [token_ids[k * stride + 1 : k * stride + max_length + 1]
               for k in range(max(num_windows, 0))]
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = "no count rule we know gives these numbers"
