# MUTANT: a shortcut for a single key returns torch.ones(1) (float32, CPU, no autograd)
import torch


def attention_weights_for_query(query, keys):
    if keys.shape[0] == 1:
        return torch.ones(1)
    return torch.softmax(keys @ query / keys.shape[-1] ** 0.5, dim=-1)


EXPECTED_CAUSE = "a shortcut such as torch.ones(1) for one key"
