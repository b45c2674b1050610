# MUTANT: scaled twice (query and scores each divided by sqrt(d_k)): effective divisor d_k
import math

import torch
import torch.nn.functional as F


def attention_weights_for_query(query, keys):
    d_k = keys.shape[-1]
    q = query / d_k**0.5
    return torch.softmax(keys @ q / d_k**0.5, dim=-1)


EXPECTED_CAUSE = 'scaled twice by sqrt(d_k)'  # the check's message must name this
