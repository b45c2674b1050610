# MUTANT: `d_k ** 1 / 2` precedence: divides by d_k/2
import math

import torch
import torch.nn.functional as F


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    return torch.softmax(keys @ query / (d_k ** 1 / 2), dim=-1)


EXPECTED_CAUSE = 'divided by d_k / 2'  # the check's message must name this
