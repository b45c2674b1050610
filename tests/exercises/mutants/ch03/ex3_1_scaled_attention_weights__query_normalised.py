# Mutant: the query scaled to length 1 before the dot products.
import math

import torch

EXPECTED_CAUSE = "scaled the query to length 1"


def attention_weights_for_query(query, keys):
    q = query / query.norm()
    return torch.softmax(keys @ q / math.sqrt(keys.shape[-1]), dim=-1)
