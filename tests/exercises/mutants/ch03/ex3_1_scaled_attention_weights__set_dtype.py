# MUTANT: torch.set_default_dtype(torch.float64) inside the answer (global state)
import torch


def attention_weights_for_query(query, keys):
    torch.set_default_dtype(torch.float64)
    return torch.softmax(keys @ query / keys.shape[-1] ** 0.5, dim=-1)


EXPECTED_CAUSE = "PyTorch's global settings"
