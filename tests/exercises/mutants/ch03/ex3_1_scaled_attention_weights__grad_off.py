# MUTANT: torch.set_grad_enabled(False) inside the answer (global state)
import torch


def attention_weights_for_query(query, keys):
    torch.set_grad_enabled(False)
    return torch.softmax(keys @ query / keys.shape[-1] ** 0.5, dim=-1)


EXPECTED_CAUSE = 'the grad mode'
