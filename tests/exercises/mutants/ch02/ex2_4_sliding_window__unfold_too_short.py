# MUTANT: unfold over ids[:-1] crashes when the ids are too short for one window
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    inputs = ids[:-1].unfold(0, max_length, stride)  # (num_windows, max_length)
    targets = ids[1:].unfold(0, max_length, stride)
    return inputs.clone(), targets.clone()


EXPECTED_CAUSE = 'unfold needs at least max_length ids'
