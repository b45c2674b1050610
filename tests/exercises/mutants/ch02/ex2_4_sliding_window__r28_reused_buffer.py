# MUTANT: one buffer list refilled and appended for every window: each row is the last window
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    buf_in, buf_out = [0] * max_length, [0] * max_length
    for start in range(0, len(token_ids) - max_length, stride):
        for j in range(max_length):
            buf_in[j] = token_ids[start + j]
            buf_out[j] = token_ids[start + j + 1]
        inputs.append(buf_in)
        targets.append(buf_out)
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = "one shared list"
