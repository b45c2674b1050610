# MUTANT: as_strided windows counted as (len(ids) - max_length) // stride + 1: one window too
#   many, whose target reads past the ids
import torch

EXPECTED_CAUSE = 'asked for more ids than token_ids holds'


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    n = max((len(ids) - max_length) // stride + 1, 0)
    inputs = ids.as_strided((n, max_length), (stride, 1))
    targets = ids[1:].as_strided((n, max_length), (stride, 1))
    return inputs.clone(), targets.clone()
