# MUTANT: torch.sqrt on a Python int d_k (TypeError)
import math

import torch
import torch.nn.functional as F


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / torch.sqrt(d_k), dim=-1)


EXPECTED_CAUSE = 'torch.sqrt takes a tensor'  # the check's message must name this
