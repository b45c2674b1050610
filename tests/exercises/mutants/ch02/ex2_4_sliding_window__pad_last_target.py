# MUTANT: one window too many: the last target is padded with 50256 instead of dropped
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length + 1, stride):
        inp = list(token_ids[start : start + max_length])
        tgt = list(token_ids[start + 1 : start + max_length + 1])
        tgt += [50256] * (max_length - len(tgt))
        inputs.append(inp)
        targets.append(tgt)
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'runs past the end'  # the check's message must name this
