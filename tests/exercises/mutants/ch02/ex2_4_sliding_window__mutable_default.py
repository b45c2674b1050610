# MUTANT: mutable default lists keep windows from earlier calls
import torch


def sliding_windows(token_ids, max_length, stride, inputs=[], targets=[]):  # noqa: B006
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'windows of earlier calls'  # the check's message must name this
